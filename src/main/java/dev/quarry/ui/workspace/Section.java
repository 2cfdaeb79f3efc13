package dev.quarry.ui.workspace;

import org.kordamp.ikonli.feather.Feather;

/** The navigation rail's entries, in order; Ctrl+1…Ctrl+8 select them. */
public enum Section {
    DOCUMENTS(Feather.FILE_TEXT),
    SEARCH(Feather.SEARCH),
    ASK(Feather.MESSAGE_SQUARE),
    EXTRACTION(Feather.GRID),
    DEFICIENCY(Feather.ALERT_TRIANGLE),
    LETTERS(Feather.MAIL),
    ACTIVITY(Feather.ACTIVITY),
    SETTINGS(Feather.SETTINGS);

    private final Feather icon;

    Section(Feather icon) {
        this.icon = icon;
    }

    public Feather icon() { return icon; }
    public String key() { return name().toLowerCase(); }
}
