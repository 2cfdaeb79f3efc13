package dev.quarry.retrieval.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LegalBench-RAG's character-level metrics for one query. Retrieved spans are merged per file first, so
 * overlapping chunks are not counted twice: precision = gold characters retrieved / characters retrieved,
 * recall = gold characters retrieved / gold characters.
 */
public final class SpanMetrics {
    private SpanMetrics() {}

    public record Span(String file, long start, long end) {}

    public record Score(double precision, double recall, boolean documentHit) {}

    public static Score score(List<Span> gold, List<Span> retrieved) {
        Map<String, List<long[]>> g = merge(gold), r = merge(retrieved);
        long goldChars = total(g), retrievedChars = total(r), overlap = 0;
        boolean docHit = false;
        for (Map.Entry<String, List<long[]>> e : r.entrySet()) {
            List<long[]> gs = g.get(e.getKey());
            if (gs == null) continue;
            docHit = true;
            for (long[] a : e.getValue()) {
                for (long[] b : gs) overlap += Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
            }
        }
        double precision = retrievedChars == 0 ? 0 : (double) overlap / retrievedChars;
        double recall = goldChars == 0 ? 0 : (double) overlap / goldChars;
        return new Score(precision, recall, docHit);
    }

    static Map<String, List<long[]>> merge(List<Span> spans) {
        Map<String, List<long[]>> byFile = new HashMap<>();
        for (Span s : spans) byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(new long[] {s.start(), s.end()});
        Map<String, List<long[]>> out = new HashMap<>();
        byFile.forEach((file, list) -> {
            list.sort(Comparator.comparingLong(a -> a[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] a : list) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && a[0] <= last[1]) last[1] = Math.max(last[1], a[1]);
                else merged.add(new long[] {a[0], a[1]});
            }
            out.put(file, merged);
        });
        return out;
    }

    static long total(Map<String, List<long[]>> m) {
        long t = 0;
        for (List<long[]> l : m.values()) for (long[] a : l) t += a[1] - a[0];
        return t;
    }
}
