package dev.quarry.evidence;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as contracts write them, to ISO 8601: "the 1st day of March, 2019", "March 1, 2019", "1 March 2019",
 * "3/1/2019" (US order), "2019-03-01", "Nov. 02, 2019", and the spacing that text extraction leaves
 * ("20t h day of November, 2018"). A date left blank for signing ("____ day of March, 2019",
 * "[●], 2019") is kept at the precision the text gives, as ISO 8601 allows: "2019-03", "2019".
 * Impossible dates (February 30) are not dates.
 */
public final class Dates {
    private Dates() {}

    /** One date found in a text: ISO value, the characters it spans, and the text as written. */
    public record Found(String iso, int start, int end, String raw) {
        /** Whether the value names a day (yyyy-MM-dd), not only a month or a year. */
        public boolean complete() {
            return iso.length() == 10;
        }
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7),
            Map.entry("jul", 7), Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9),
            Map.entry("sept", 9), Map.entry("sep", 9), Map.entry("october", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));

    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December"
            + "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
    /** A day of the month with an ordinal suffix, even split by extraction ("20t h", "21s t"), or a blank. */
    private static final String DAY = "(\\d{1,2})(?:\\s?(?:st|nd|rd|th|s\\s?t|n\\s?d|r\\s?d|t\\s?h))?";
    private static final String BLANK = "(?:_{2,}|\\[[^\\]\\n]{0,12}]|\\(\\s*\\)|●|•)";
    private static final String YEAR = "((?:19|20)\\d{2})";
    private static final String SEP = "[\\s,]*";
    private static final String ORDINAL_WORDS = "(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
            + "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first"
            + "|twenty[- ]second|twenty[- ]third|twenty[- ]fourth|twenty[- ]fifth|twenty[- ]sixth|twenty[- ]seventh"
            + "|twenty[- ]eighth|twenty[- ]ninth|thirtieth|thirty[- ]first)";

    private static final int F = Pattern.CASE_INSENSITIVE;
    /** "the 1st day of March, 2019", "this 20t h day of November 2018", "31  day of July, 2019", "first day of May, 2020". */
    private static final Pattern DAY_OF = Pattern.compile("(?:\\b" + DAY + "|\\b" + ORDINAL_WORDS + "|" + BLANK + ")\\s*(?:day\\s+)?of\\s+(?:" + MONTH + "|" + BLANK + ")" + SEP + "(?:A\\.?D\\.?\\s*)?" + YEAR + "\\b", F);
    /** "March 1, 2019", "Nov. 02, 2019", "March 1st, 2019", "March ___, 2019", "March, 2019". */
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("\\b" + MONTH + "(?:\\s+" + DAY + "|\\s*" + BLANK + ")?" + SEP + YEAR + "\\b", F);
    /** "1 March 2019", "1st March, 2019". */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\b" + DAY + "\\s+(?:of\\s+)?" + MONTH + SEP + YEAR + "\\b", F);
    /** "2019-03-01", "2019/03/01". */
    private static final Pattern ISO = Pattern.compile("\\b((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})\\b");
    /** "3/1/2019", "3-1-19", "03.01.2019" (month first, unless the first number cannot be a month). */
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/-]|\\.\\d)");
    /** "[__], 2019", "____________ 2013" with nothing else: the year alone. */
    private static final Pattern BLANK_YEAR = Pattern.compile(BLANK + SEP + YEAR + "\\b", F);

    /**
     * A blank the text extraction emptied: "this day of , 2009", "made as of  , 2013", "dated , 2006". Group 1
     * is the date's place (the comma and the year): the year alone.
     */
    private static final Pattern EMPTIED_BLANK = Pattern.compile("\\b(?:day\\s+of|as\\s+of|dated|made|entered\\s+into|this)(\\s*,\\s*" + YEAR + ")\\b", F);

    /** The first date in the text, as ISO 8601 (a complete one preferred over a partial one at the same place). */
    public static Optional<String> parse(String text) {
        List<Found> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).iso());
    }

    /** Every date in the text, in order of position; overlapping readings keep the longest. */
    public static List<Found> findAll(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<Found> out = new ArrayList<>();
        collect(DAY_OF, text, out, m -> dayOf(m));
        collect(MONTH_DAY_YEAR, text, out, m -> {
            Integer month = month(m.group(1));
            return iso(Integer.parseInt(m.group(3)), month, m.group(2) == null ? null : Integer.parseInt(m.group(2)));
        });
        collect(DAY_MONTH_YEAR, text, out, m -> iso(Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1))));
        collect(ISO, text, out, m -> iso(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        collect(NUMERIC, text, out, m -> {
            // A dotted or dashed form with a two-digit year is more often a section number ("10.1.19").
            if (!m.group(2).equals("/") && m.group(4).length() == 2) return null;
            int a = Integer.parseInt(m.group(1)), b = Integer.parseInt(m.group(3));
            int year = year(m.group(4));
            // US order (month/day) unless the first number cannot be a month ("29/3/18").
            return a > 12 ? iso(year, b, a) : iso(year, a, b);
        });
        collect(BLANK_YEAR, text, out, m -> String.valueOf(Integer.parseInt(m.group(1))));
        Matcher emptied = EMPTIED_BLANK.matcher(text);
        while (emptied.find()) {
            int start = emptied.start(1) + (emptied.group(1).length() - emptied.group(1).stripLeading().length());
            out.add(new Found(emptied.group(2), start, emptied.end(1), text.substring(start, emptied.end(1))));
        }
        out.sort(Comparator.comparingInt(Found::start).thenComparingInt(f -> -(f.end() - f.start())));
        List<Found> kept = new ArrayList<>();
        int end = -1;
        for (Found f : out) {
            if (f.start() < end) continue; // inside a longer reading already kept
            kept.add(f);
            end = f.end();
        }
        return kept;
    }

    private interface Reader {
        String read(Matcher m);
    }

    private static void collect(Pattern p, String text, List<Found> out, Reader r) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String iso;
            try {
                iso = r.read(m);
            } catch (NumberFormatException | DateTimeException e) {
                iso = null;
            }
            if (iso != null) out.add(new Found(iso, m.start(), m.end(), m.group()));
        }
    }

    private static String dayOf(Matcher m) {
        Integer day = m.group(1) != null ? Integer.valueOf(m.group(1)) : m.group(2) != null ? ordinalWord(m.group(2)) : null;
        Integer month = m.group(3) == null ? null : month(m.group(3));
        int year = Integer.parseInt(m.group(4));
        if (month == null) return String.valueOf(year);
        return iso(year, month, day);
    }

    private static Integer month(String s) {
        return MONTHS.get(s.toLowerCase(Locale.ROOT).replace(".", ""));
    }

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth");

    private static Integer ordinalWord(String w) {
        String s = w.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ");
        if (s.equals("thirtieth")) return 30;
        if (s.equals("thirty first")) return 31;
        if (s.startsWith("twenty ")) return 20 + ORDINALS.indexOf(s.substring(7)) + 1;
        return ORDINALS.indexOf(s) + 1;
    }

    /** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999. */
    static int year(String y) {
        int v = Integer.parseInt(y);
        if (y.length() == 4) return v;
        return v < 50 ? 2000 + v : 1900 + v;
    }

    /** ISO 8601 at the precision given: yyyy-MM-dd, yyyy-MM, or null when the day does not exist. */
    static String iso(int year, Integer month, Integer day) {
        if (year < 1900 || year > 2099) return null;
        if (month == null) return String.valueOf(year);
        if (month < 1 || month > 12) return null;
        if (day == null) return String.format(Locale.ROOT, "%04d-%02d", year, month);
        return LocalDate.of(year, month, day).toString(); // throws DateTimeException for February 30
    }

    /**
     * A date as a labeller writes it, to ISO 8601: "5/8/14", "09/[]/2019" (month only), "[]/[]/2019" (year
     * only), "2019-03-01"; empty when it names no year.
     */
    public static Optional<String> normaliseLabel(String label) {
        if (label == null || label.isBlank()) return Optional.empty();
        Matcher m = Pattern.compile("^\\s*(\\d{1,2}|\\[\\]*)/(\\d{1,2}|\\[\\]*)/(\\d{4}|\\d{2})\\s*$").matcher(label);
        if (m.find()) {
            Integer month = m.group(1).startsWith("[") ? null : Integer.valueOf(m.group(1));
            Integer day = m.group(2).startsWith("[") ? null : Integer.valueOf(m.group(2));
            try {
                return Optional.ofNullable(iso(year(m.group(3)), month, month == null ? null : day));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return parse(label);
    }
}
