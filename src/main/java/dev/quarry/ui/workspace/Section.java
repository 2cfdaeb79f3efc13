package dev.quarry.ui.workspace;

import org.kordamp.ikonli.feather.Feather;

/** The navigation rail's entries, in order; Ctrl+1…Ctrl+8 select them. */
public enum Section {
    DOCUMENTS(Feather.FILE_TEXT, false),
    SEARCH(Feather.SEARCH, false),
    ASK(Feather.MESSAGE_SQUARE, false),
    EXTRACTION(Feather.GRID, true),
    DEFICIENCY(Feather.ALERT_TRIANGLE, true),
    LETTERS(Feather.MAIL, false),
    ACTIVITY(Feather.ACTIVITY, false),
    SETTINGS(Feather.SETTINGS, false);

    private final Feather icon;
    private final boolean coming;

    Section(Feather icon, boolean coming) {
        this.icon = icon;
        this.coming = coming;
    }

    public Feather icon() { return icon; }
    /** True for capabilities not built yet: the rail marks them, the pane says so. */
    public boolean coming() { return coming; }
    public String key() { return name().toLowerCase(); }
}
