package dev.quarry.extraction;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Agreement figures: Cohen's kappa between two raters' labels, and values compared as the grid compares them. */
public final class Agreement {
    private Agreement() {}

    /** A pair of labels for one item: what the extractor said and what the reviewer says. */
    public record Pair(String a, String b) {}

    /**
     * Cohen's kappa over the pairs, labels compared normalised ({@link #key}); NaN when there are no pairs. When
     * chance agreement is total (both raters used one and the same label throughout) kappa is 1 if they agree.
     */
    public static double kappa(List<Pair> pairs) {
        if (pairs.isEmpty()) return Double.NaN;
        Map<String, Integer> ca = new HashMap<>();
        Map<String, Integer> cb = new HashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        int agree = 0;
        for (Pair p : pairs) {
            String a = key(p.a());
            String b = key(p.b());
            labels.add(a);
            labels.add(b);
            ca.merge(a, 1, Integer::sum);
            cb.merge(b, 1, Integer::sum);
            if (a.equals(b)) agree++;
        }
        double n = pairs.size();
        double po = agree / n;
        double pe = 0;
        for (String l : labels) pe += (ca.getOrDefault(l, 0) / n) * (cb.getOrDefault(l, 0) / n);
        if (pe >= 1.0 - 1e-12) return po >= 1.0 - 1e-12 ? 1.0 : 0.0;
        return (po - pe) / (1 - pe);
    }

    /** Share of pairs that agree (normalised); NaN when there are none. */
    public static double share(List<Pair> pairs) {
        if (pairs.isEmpty()) return Double.NaN;
        return pairs.stream().filter(p -> key(p.a()).equals(key(p.b()))).count() / (double) pairs.size();
    }

    /** A value as compared: trimmed, lower case, runs of space as one, a trailing full stop dropped; null as "". */
    public static String key(String v) {
        if (v == null) return "";
        String s = v.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
