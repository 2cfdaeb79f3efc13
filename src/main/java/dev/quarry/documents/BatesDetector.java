package dev.quarry.documents;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Bates stamp on a page: a prefix of capitals (optionally with "_", "-" or a space) followed by a
 * zero-padded number of 4–10 digits, standing alone on one of the page's first or last lines, where
 * production tools stamp them (ABC0001234, ABC-000123, ACME_PROD_0000042, "DEF 000017").
 */
public final class BatesDetector {
    private static final Pattern STAMP = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Z][A-Z0-9]{0,11}(?:[_-][A-Z0-9]{1,12}){0,2}[ _-]?\\d{4,10})(?![A-Za-z0-9])");
    private static final int EDGE_LINES = 3;
    /** Labels that precede numbers on ordinary headers and footers. */
    private static final Pattern NOT_A_PREFIX = Pattern.compile(
            "(?i)(?:PAGE|PG|NO|CASE|DOCKET|ID|FY|Q[1-4]|TEL|FAX|PHONE|CUSIP|ISIN|ISBN|EIN|SSN|ZIP|ACCT|ACCOUNT|INVOICE|INV|PO|REF|ORDER|FILE|SEC)[ _-]?\\d+");
    private static final Pattern STATE_ZIP = Pattern.compile("[A-Z]{2} \\d{5}");

    private BatesDetector() {}

    /** The stamp on this page's first or last lines, or null. Bottom lines are tried first. */
    public static String detect(String pageText) {
        if (pageText == null || pageText.isBlank()) return null;
        String[] lines = pageText.strip().split("\\R");
        for (int k = 0; k < Math.min(EDGE_LINES, lines.length); k++) {
            String hit = stampOn(lines[lines.length - 1 - k]);
            if (hit != null) return hit;
        }
        for (int k = 0; k < Math.min(EDGE_LINES, lines.length); k++) {
            String hit = stampOn(lines[k]);
            if (hit != null) return hit;
        }
        return null;
    }

    /** The stamp on one line of text (a margin line found by position), or null. */
    public static String detectOnLine(String line) {
        return line == null || line.isBlank() ? null : stampOn(line);
    }

    private static String stampOn(String line) {
        String l = line.strip();
        if (l.length() > 120) return null;
        Matcher m = STAMP.matcher(l);
        String found = null;
        while (m.find()) {
            String candidate = m.group(1);
            // Must have letters in its prefix and at least four zero-padded or long digits.
            if (!candidate.chars().anyMatch(Character::isLetter)) continue;
            String digits = candidate.replaceAll("^.*?(\\d+)$", "$1");
            if (digits.length() < 6 && !digits.startsWith("0")) continue;
            if (NOT_A_PREFIX.matcher(candidate).matches()) continue;
            // "MA 02139": a state and a ZIP code in an address block, not a stamp.
            if (STATE_ZIP.matcher(candidate).matches()) continue;
            found = candidate;
        }
        return found;
    }
}
