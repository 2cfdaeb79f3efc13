package dev.quarry.evidence;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers, durations and sums of money as contracts write them: "thirty (30) days" is 30 days, "ninety days"
 * 90 days, "two (2) years" 2 years, "$1,500,000" 1500000 USD, "EUR 2.5 million" 2500000 EUR, "one hundred
 * thousand dollars ($100,000)" 100000 USD, "12.5%" 12.5 percent. Words and figures that say the same
 * number once ("thirty (30)") count once.
 */
public final class Amounts {
    private Amounts() {}

    /**
     * One amount found in a text.
     *
     * @param value the number (plain decimal notation, no grouping: "1500000", "12.5")
     * @param unit  "days", "weeks", "months", "years", "hours", "percent", an ISO 4217 currency code, or null
     */
    public record Found(BigDecimal value, String unit, int start, int end, String raw) {
        public String valueText() {
            return value.stripTrailingZeros().toPlainString();
        }

        public boolean money() {
            return unit != null && unit.length() == 3 && unit.equals(unit.toUpperCase(Locale.ROOT));
        }

        public boolean duration() {
            return unit != null && List.of("hours", "days", "weeks", "months", "years", "business days").contains(unit);
        }
    }

    private static final Map<String, Integer> SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fourty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
            Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("a", 1), Map.entry("an", 1));
    private static final Map<String, Long> SCALES = Map.of("hundred", 100L, "thousand", 1_000L, "million", 1_000_000L,
            "billion", 1_000_000_000L);

    private static final String WORD = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
            + "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
            + "|hundred|thousand|million|billion)";
    private static final String WORDS = "(?:" + WORD + "(?:[\\s-]+(?:and[\\s-]+)?" + WORD + ")*)";
    private static final String FIGURE = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final String SCALE = "(?:\\s*(million|billion|thousand|mm|m|bn|k)\\b)?";
    private static final String UNIT = "(business\\s+days?|calendar\\s+days?|days?|weeks?|months?|years?|hours?|per\\s*cent|percent|%)";
    private static final int F = Pattern.CASE_INSENSITIVE;

    /** "thirty (30) days", "30 days", "thirty days", "(30) days", "twelve (12) month". */
    private static final Pattern COUNT = Pattern.compile("\\b(?:(" + WORDS + ")\\s*(?:\\(\\s*" + FIGURE + "\\s*\\)\\s*)?|" + FIGURE
            + "\\s*(?:\\(\\s*(" + WORDS + ")\\s*\\)\\s*)?)\\)?[\\s-]*" + UNIT + "(?![\\p{L}])", F);
    private static final String SYMBOL = "(US\\$|U\\.S\\.\\s?\\$|C\\$|CA\\$|A\\$|AU\\$|HK\\$|NZ\\$|S\\$|RMB\\s?¥|\\$|€|£|¥|₹)";
    private static final String CODE = "(USD|EUR|GBP|CAD|AUD|JPY|CNY|RMB|CHF|HKD|INR|SGD|NZD|SEK|NOK|DKK|ILS|KRW|MXN|BRL|ZAR)";
    /** "$1,500,000", "US$ 2.5 million", "€300", "USD 10,000", "EUR 2.5m". */
    private static final Pattern MONEY_BEFORE = Pattern.compile("(?:" + SYMBOL + "|\\b" + CODE + ")\\s?" + FIGURE + SCALE, F);
    /** "10,000 USD", "2.5 million euros", "100,000 dollars", "fifty thousand dollars". */
    private static final Pattern MONEY_AFTER = Pattern.compile("\\b(?:" + FIGURE + SCALE + "|(" + WORDS + "))\\s*(?:\\(\\s*[^)]{0,30}\\)\\s*)?"
            + "(U\\.?S\\.?\\s+dollars?|US\\s+dollars?|dollars?|euros?|pounds\\s+sterling|pounds?|yen|renminbi|yuan|"
            + "Canadian\\s+dollars?|Australian\\s+dollars?|" + CODE + ")\\b", F);
    /** A plain figure or number in words, for a NUMBER with no unit. */
    private static final Pattern PLAIN = Pattern.compile("(?<![\\d.,])" + FIGURE + "(?![\\d])|\\b(" + WORDS + ")\\b", F);

    /** Every duration, percentage and sum of money in the text, in order; overlapping readings keep the longest. */
    public static List<Found> findAll(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<Found> out = new ArrayList<>();
        Matcher m = COUNT.matcher(text);
        while (m.find()) {
            BigDecimal v = m.group(2) != null ? figure(m.group(2)) : m.group(1) != null ? words(m.group(1))
                    : figure(m.group(3));
            if (v == null) continue;
            out.add(new Found(v, unit(m.group(5)), m.start(), m.end(), m.group().strip()));
        }
        m = MONEY_BEFORE.matcher(text);
        while (m.find()) {
            BigDecimal v = scale(figure(m.group(3)), m.group(4));
            if (v == null) continue;
            String code = m.group(1) != null ? symbol(m.group(1)) : code(m.group(2));
            out.add(new Found(v, code, m.start(), m.end(), m.group().strip()));
        }
        m = MONEY_AFTER.matcher(text);
        while (m.find()) {
            BigDecimal v = m.group(1) != null ? scale(figure(m.group(1)), m.group(2)) : words(m.group(3));
            if (v == null) continue;
            out.add(new Found(v, currencyWord(m.group(4)), m.start(), m.end(), m.group().strip()));
        }
        out.sort(Comparator.comparingInt(Found::start).thenComparingInt(f -> -(f.end() - f.start())));
        List<Found> kept = new ArrayList<>();
        int end = -1;
        for (Found f : out) {
            if (f.start() < end) continue;
            kept.add(f);
            end = f.end();
        }
        return kept;
    }

    /** The first amount of the text. */
    public static Optional<Found> parse(String text) {
        List<Found> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The first number of any kind, with its unit when it has one (a bare "30" or "thirty" has none). */
    public static Optional<Found> parseNumber(String text) {
        Optional<Found> withUnit = parse(text);
        Matcher m = PLAIN.matcher(text == null ? "" : text);
        while (m.find()) {
            if (withUnit.isPresent() && withUnit.get().start() <= m.start()) return withUnit;
            BigDecimal v = m.group(1) != null ? figure(m.group(1)) : words(m.group(2));
            if (v != null) return Optional.of(new Found(v, null, m.start(), m.end(), m.group()));
        }
        return withUnit;
    }

    static BigDecimal figure(String s) {
        if (s == null) return null;
        try {
            return new BigDecimal(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal scale(BigDecimal v, String scale) {
        if (v == null || scale == null) return v;
        long f = switch (scale.toLowerCase(Locale.ROOT)) {
            case "thousand", "k" -> 1_000L;
            case "million", "mm", "m" -> 1_000_000L;
            case "billion", "bn" -> 1_000_000_000L;
            default -> 1L;
        };
        return v.multiply(BigDecimal.valueOf(f));
    }

    /** "one hundred and twenty-five thousand" is 125000; null when the words are not a number. */
    static BigDecimal words(String s) {
        if (s == null) return null;
        long total = 0, current = 0;
        boolean any = false;
        for (String w : s.toLowerCase(Locale.ROOT).split("[\\s-]+")) {
            if (w.isEmpty() || w.equals("and")) continue;
            Integer small = SMALL.get(w);
            if (small != null) {
                current += small;
                any = true;
            } else if (SCALES.containsKey(w)) {
                long scale = SCALES.get(w);
                if (current == 0) current = 1;
                if (scale == 100) current *= 100;
                else {
                    total += current * scale;
                    current = 0;
                }
                any = true;
            } else {
                return null;
            }
        }
        return any ? BigDecimal.valueOf(total + current) : null;
    }

    private static String unit(String u) {
        String s = u.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (s.equals("%") || s.startsWith("per")) return "percent";
        if (s.startsWith("business")) return "business days";
        if (s.startsWith("calendar")) return "days";
        return s.endsWith("s") ? s : s + "s";
    }

    private static String symbol(String s) {
        String t = s.toUpperCase(Locale.ROOT).replaceAll("[\\s.]", "");
        return switch (t) {
            case "€" -> "EUR";
            case "£" -> "GBP";
            case "¥" -> "JPY";
            case "RMB¥" -> "CNY";
            case "₹" -> "INR";
            case "C$", "CA$" -> "CAD";
            case "A$", "AU$" -> "AUD";
            case "HK$" -> "HKD";
            case "NZ$" -> "NZD";
            case "S$" -> "SGD";
            default -> "USD";
        };
    }

    private static String code(String c) {
        String s = c.toUpperCase(Locale.ROOT);
        return s.equals("RMB") ? "CNY" : s;
    }

    private static String currencyWord(String w) {
        String s = w.toLowerCase(Locale.ROOT).replaceAll("[\\s.]+", " ");
        if (s.startsWith("canadian")) return "CAD";
        if (s.startsWith("australian")) return "AUD";
        if (s.contains("dollar")) return "USD";
        if (s.startsWith("euro")) return "EUR";
        if (s.startsWith("pound")) return "GBP";
        if (s.equals("yen")) return "JPY";
        if (s.equals("renminbi") || s.equals("yuan")) return "CNY";
        return code(w);
    }
}
