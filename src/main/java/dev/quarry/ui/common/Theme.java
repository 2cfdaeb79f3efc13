package dev.quarry.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Light and dark themes: AtlantaFX Primer as the base, Quarry's own tokens and classes on top (quarry.css). */
public enum Theme {
    LIGHT("light"), DARK("dark");

    public static final String APP_CSS = Theme.class.getResource("/dev/quarry/ui/quarry.css").toExternalForm();
    private final String id;

    Theme(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Theme of(String id) {
        return "dark".equals(id) ? DARK : LIGHT;
    }

    /** Switches the whole application; every open window follows at once. */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
