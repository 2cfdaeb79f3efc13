package dev.quarry.deficiency.model;

import java.util.Locale;

/** What was produced for a request, judged by the documents, never by what the response says. */
public enum Classification {
    FULLY_PRODUCED, PARTIALLY_PRODUCED, NOT_PRODUCED, NO_RESPONSIVE_DOCS;

    /** The name in JSON and on the command line: fully_produced, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Classification fromWire(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether a letter should raise it: something responsive exists and was not (all) produced. */
    public boolean deficient() {
        return this == PARTIALLY_PRODUCED || this == NOT_PRODUCED;
    }
}
