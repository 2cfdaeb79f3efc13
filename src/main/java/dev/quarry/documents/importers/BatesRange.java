package dev.quarry.documents.importers;

import java.util.ArrayList;
import java.util.List;

/** Expands "ABC000001"–"ABC000005" into every page number between, when both share prefix and width. */
final class BatesRange {
    /** Longer documents exist, but past this a range is more likely a typo than a document. */
    static final int MAX_PAGES = 50_000;

    private BatesRange() {}

    static List<String> expand(String begin, String end) {
        if (begin == null || end == null) return List.of();
        begin = begin.strip();
        end = end.strip();
        int bd = digitsFrom(begin), ed = digitsFrom(end);
        if (bd == begin.length() || ed == end.length() || begin.length() != end.length()) return List.of();
        String prefix = begin.substring(0, bd);
        if (!prefix.equalsIgnoreCase(end.substring(0, ed)) || bd != ed) return List.of();
        String a = begin.substring(bd), b = end.substring(ed);
        if (a.length() > 18) return List.of();
        long from = Long.parseLong(a), to = Long.parseLong(b);
        if (to < from || to - from >= MAX_PAGES) return List.of();
        List<String> out = new ArrayList<>((int) (to - from + 1));
        String format = "%0" + a.length() + "d";
        for (long n = from; n <= to; n++) out.add(prefix + String.format(java.util.Locale.ROOT, format, n));
        return out;
    }

    /** Index where the trailing run of digits starts. */
    private static int digitsFrom(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1)) && s.charAt(i - 1) < 128) i--;
        return i;
    }
}
