package dev.quarry.retrieval.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs LegalBench-RAG style queries ({@code {"tests": [{query_id, query, snippets: [{file_path, span}]}]}})
 * against a matter and averages precision@k, recall@k and document hit@k over the queries.
 * Gold files are matched to documents by file name.
 */
public final class RetrievalEval {
    public static final int[] KS = {1, 2, 4, 8, 16, 32, 64};

    public record Query(String id, String text, List<SpanMetrics.Span> gold) {}

    public static List<Query> load(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            List<Query> out = new ArrayList<>();
            for (JsonNode t : root.get("tests")) {
                List<SpanMetrics.Span> gold = new ArrayList<>();
                for (JsonNode s : t.get("snippets")) {
                    gold.add(new SpanMetrics.Span(fileName(s.get("file_path").asText()), s.get("span").get(0).asLong(),
                            s.get("span").get(1).asLong()));
                }
                out.add(new Query(t.path("query_id").asText(), t.get("query").asText(), gold));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new QuarryException("The queries file " + file + " could not be read as LegalBench-RAG JSON.", e);
        }
    }

    public static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Mean metrics for one mode; {@code search} returns the top 64 hits for a query. */
    public static Map<String, Object> run(List<Query> queries, SearchService.Mode mode,
                                          BiFunction<String, Integer, List<SearchHit>> search) {
        int maxK = KS[KS.length - 1];
        double[] p = new double[KS.length], r = new double[KS.length], hit = new double[KS.length];
        long[] latencies = new long[queries.size()];
        for (int qi = 0; qi < queries.size(); qi++) {
            Query q = queries.get(qi);
            long t0 = System.nanoTime();
            List<SearchHit> hits = search.apply(q.text(), maxK);
            latencies[qi] = System.nanoTime() - t0;
            for (int i = 0; i < KS.length; i++) {
                List<SpanMetrics.Span> got = new ArrayList<>();
                for (SearchHit h : hits.subList(0, Math.min(KS[i], hits.size()))) {
                    got.add(new SpanMetrics.Span(h.fileName(), h.startChar(), h.endChar()));
                }
                SpanMetrics.Score s = SpanMetrics.score(q.gold(), got);
                p[i] += s.precision();
                r[i] += s.recall();
                hit[i] += s.documentHit() ? 1 : 0;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode.name().toLowerCase());
        out.put("queries", queries.size());
        for (int i = 0; i < KS.length; i++) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("precision", round(p[i] / queries.size()));
            at.put("recall", round(r[i] / queries.size()));
            at.put("doc_hit", round(hit[i] / queries.size()));
            out.put("@" + KS[i], at);
        }
        Arrays.sort(latencies);
        out.put("latency_ms_p50", round(latencies[latencies.length / 2] / 1e6));
        out.put("latency_ms_p95", round(latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)] / 1e6));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
