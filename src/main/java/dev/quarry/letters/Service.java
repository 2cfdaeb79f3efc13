package dev.quarry.letters;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the responses were served, which extends the time to act on them: CCP 1013(a) adds 5 calendar days
 * for mail within California and 10 for mail from or to an address outside it; CCP 1013(c) (overnight
 * delivery), 1013(e) (fax) and 1010.6(a)(3)(B) (electronic service) add two court days.
 */
public enum Service {
    PERSONAL(0, 0, "by personal delivery", "CCP § 1011 (no extension)"),
    MAIL(5, 0, "by mail", "CCP § 1013(a): five calendar days"),
    MAIL_OUT_OF_STATE(10, 0, "by mail to or from an address outside California", "CCP § 1013(a): ten calendar days"),
    OVERNIGHT(0, 2, "by overnight delivery", "CCP § 1013(c): two court days"),
    FAX(0, 2, "by fax", "CCP § 1013(e): two court days"),
    ELECTRONIC(0, 2, "by electronic service", "CCP § 1010.6(a)(3)(B): two court days");

    public final int calendarDays;
    public final int courtDays;
    public final String phrase;
    public final String rule;

    Service(int calendarDays, int courtDays, String phrase, String rule) {
        this.calendarDays = calendarDays;
        this.courtDays = courtDays;
        this.phrase = phrase;
        this.rule = rule;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Service fromWire(String s) {
        if (s == null || s.isBlank()) return null;
        for (Service v : values()) if (v.wire().equals(s.strip().toLowerCase(Locale.ROOT))) return v;
        throw new IllegalArgumentException("responses_service must be one of personal, mail, mail_out_of_state, overnight, fax, electronic (not \""
                + s + "\")");
    }
}
