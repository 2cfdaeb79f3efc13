package dev.quarry.documents.importers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load-file dates to ISO-8601. Producers write 03/14/2019, 3/14/2019 2:05 PM, 20190314, 2019-03-14 or
 * a full ISO date-time. Slashed dates are read month first (the US convention of e-discovery tools)
 * unless the first number cannot be a month. A time without a zone is dropped rather than guessed
 * (the original field keeps it); a time with an offset is kept.
 */
final class LoadFileDates {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2}).*");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?:[ T].*)?");
    private static final Pattern YEAR_FIRST_SLASHED = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[ T].*)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:[ T]?\\d{0,6})?");

    private LoadFileDates() {}

    /** ISO date ("2019-03-14"), or an ISO date-time with its offset; null when the value is not a date. */
    static String iso(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(v).toString();
        } catch (DateTimeException notFull) {
            // not an ISO date-time with offset; try the dated forms below
        }
        Matcher m;
        if ((m = ISO.matcher(v)).matches() || (m = YEAR_FIRST_SLASHED.matcher(v)).matches() || (m = COMPACT.matcher(v)).matches()) {
            return date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        if ((m = SLASHED.matcher(v)).matches()) {
            int a = Integer.parseInt(m.group(1)), b = Integer.parseInt(m.group(2)), y = Integer.parseInt(m.group(3));
            if (m.group(3).length() == 2) y += y < 70 ? 2000 : 1900;
            return a > 12 ? date(y, b, a) : date(y, a, b);
        }
        return null;
    }

    private static String date(int y, int m, int d) {
        if (y < 1000) return null; // 00/00/0000 and friends mean "no date"
        try {
            return LocalDate.of(y, m, d).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
