package dev.quarry.deficiency.model;

import java.util.Locale;

/**
 * What the written response says it will do: exactly one per response. A California statement of
 * inability to comply is {@link #NO_DOCUMENTS}, its reason among the findings.
 */
public enum Posture {
    WILL_PRODUCE, NO_DOCUMENTS, REFUSES, OBJECTS_ONLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Posture fromWire(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
