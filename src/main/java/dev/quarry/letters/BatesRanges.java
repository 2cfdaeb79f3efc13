package dev.quarry.letters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bates numbers condensed into ranges: ABC0000001, ABC0000002 … ABC0000024 becomes "ABC0000001–ABC0000024".
 * Ranges that touch or overlap are merged; numbers of different prefixes or widths stay apart.
 */
public final class BatesRanges {
    /** A Bates number: a prefix (letters, and separators), then digits. */
    static final Pattern BATES = Pattern.compile("^(.*?)(\\d+)$");

    public record Range(String prefix, int width, long from, long to) {
        String format(long n) {
            return prefix + String.format("%0" + width + "d", n);
        }

        @Override
        public String toString() {
            return from == to ? format(from) : format(from) + "\u2013" + format(to);
        }
    }

    private BatesRanges() {}

    /** A range from its first and last number (the same for one page); null when not Bates numbers of one series. */
    public static Range range(String begin, String end) {
        if (begin == null || begin.isBlank()) return null;
        Matcher a = BATES.matcher(begin.strip());
        Matcher b = BATES.matcher((end == null || end.isBlank() ? begin : end).strip());
        if (!a.matches() || !b.matches() || !a.group(1).equals(b.group(1))) return null;
        long x = Long.parseLong(a.group(2));
        long y = Long.parseLong(b.group(2));
        return new Range(a.group(1), a.group(2).length(), Math.min(x, y), Math.max(x, y));
    }

    public static List<Range> condense(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges.stream().filter(java.util.Objects::nonNull).toList());
        sorted.sort(Comparator.comparing(Range::prefix).thenComparingInt(Range::width).thenComparingLong(Range::from));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            if (!out.isEmpty()) {
                Range last = out.get(out.size() - 1);
                if (last.prefix().equals(r.prefix()) && last.width() == r.width() && r.from() <= last.to() + 1) {
                    out.set(out.size() - 1, new Range(last.prefix(), last.width(), last.from(), Math.max(last.to(), r.to())));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    /** Single numbers condensed: "ABC0000001–ABC0000003, ABC0000007". Strings that are not Bates numbers are kept as they are. */
    public static String condenseNumbers(List<String> numbers) {
        List<Range> rs = new ArrayList<>();
        TreeSet<String> odd = new TreeSet<>();
        for (String n : numbers) {
            Range r = range(n, n);
            if (r == null) { if (n != null && !n.isBlank()) odd.add(n.strip()); } else rs.add(r);
        }
        List<String> parts = new ArrayList<>(condense(rs).stream().map(Range::toString).toList());
        parts.addAll(odd);
        return String.join(", ", parts);
    }

    public static String format(List<Range> ranges) {
        return String.join(", ", condense(ranges).stream().map(Range::toString).toList());
    }
}
