package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What encryption costs (issue 11): the same documents imported into an unencrypted and an encrypted
 * matter, alternately, in one run, then the same searches in both. Printed as JSON with the ratios.
 */
@Command(name = "encryption", mixinStandardHelpOptions = true, description = {
        "Time an encrypted matter against an unencrypted one over the same documents.",
        "PATHs are imported into a fresh unencrypted and a fresh encrypted matter, alternately, --rounds times.",
        "The queries of FILE run in both; it reports import and open seconds, search latency, and encrypted / unencrypted ratios."})
final class EncryptionBench implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "Files or folders to import.") List<Path> paths;
    @Option(names = "--queries", required = true, paramLabel = "FILE",
            description = "A queries file ({\"tests\": [{\"query\": …}]}, as ../shared/corpus/cuad/queries-dev.json).") Path queries;
    @Option(names = "--embed", description = "Also embed (same work in both; the vector index is then saved, loaded and searched).") boolean embed;
    @Option(names = "--rounds", defaultValue = "2", description = "Imports per kind of matter, alternating (default: ${DEFAULT-VALUE}); the fastest counts.") int rounds;
    @Option(names = "--repeat", defaultValue = "3", description = "Measured passes over the queries after one warm-up pass (default: ${DEFAULT-VALUE}).") int repeat;

    private static final char[] PASSWORD = "bench encryption password".toCharArray();

    @Override
    public Integer call() throws IOException {
        List<String> qs = new ArrayList<>();
        for (JsonNode t : Json.MAPPER.readTree(queries.toFile()).path("tests")) qs.add(t.path("query").asText());
        if (qs.isEmpty()) throw new dev.quarry.core.QuarryException(queries + " holds no tests with a query.");
        Path tmp = Files.createTempDirectory("quarry-bench-encryption-");
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
            runs.put("plain", new ArrayList<>());
            runs.put("encrypted", new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                for (String kind : runs.keySet()) {
                    Path dir = tmp.resolve(kind + "-" + r);
                    runs.get(kind).add(run(dir, kind.equals("encrypted") ? PASSWORD : null, qs));
                    BenchCommand.deleteTree(dir);
                }
            }
            out.put("paths", paths.stream().map(Path::toString).toList());
            out.put("queries", qs.size());
            Map<String, Object> best = new LinkedHashMap<>();
            for (var e : runs.entrySet()) best.put(e.getKey(), fastest(e.getValue()));
            out.put("runs", runs);
            out.put("best", best);
            Map<String, Object> ratio = new LinkedHashMap<>();
            @SuppressWarnings("unchecked") Map<String, Object> p = (Map<String, Object>) best.get("plain");
            @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) best.get("encrypted");
            for (String k : p.keySet()) {
                if (p.get(k) instanceof Double a && c.get(k) instanceof Double b && a > 0) ratio.put(k, BenchCommand.round(b / a));
            }
            out.put("ratio_encrypted_to_plain", ratio);
            out.put("cores", Runtime.getRuntime().availableProcessors());
            out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            if (Files.exists(tmp)) BenchCommand.deleteTree(tmp);
        }
        System.out.println(Json.write(out));
        return 0;
    }

    /** Per figure, the best of the rounds (least seconds); sizes from the first. */
    private static Map<String, Object> fastest(List<Map<String, Object>> rs) {
        Map<String, Object> out = new LinkedHashMap<>(rs.get(0));
        for (Map<String, Object> r : rs) {
            r.forEach((k, v) -> {
                if (v instanceof Double d && !k.endsWith("_mb") && out.get(k) instanceof Double o && d < o) out.put(k, d);
            });
        }
        return out;
    }

    private Map<String, Object> run(Path dir, char[] password, List<String> qs) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        CancelToken cancel = new CancelToken();
        long t0 = System.nanoTime();
        try (MatterSession s = new MatterSession(Matter.create(dir, "bench", password, null))) {
            out.put("create_seconds", secs(t0));
            t0 = System.nanoTime();
            long job = s.imports().plan(paths, "bench");
            var report = s.imports().run(job, ProgressListener.NONE, cancel);
            s.retrieval().indexKeywords();
            // Parse, store the originals (encrypted or not) and build the keyword index: what encryption touches.
            out.put("import_seconds", secs(t0));
            out.put("pages", report.pages());
            out.put("failed", report.failed());
            if (embed) {
                t0 = System.nanoTime();
                s.retrieval().makeSearchable(() -> false, ProgressListener.NONE, cancel);
                out.put("embed_and_save_seconds", secs(t0));
            }
        }
        out.put("originals_mb", BenchCommand.round(BenchCommand.size(dir.resolve("files")) / 1e6));
        out.put("index_mb", BenchCommand.round(BenchCommand.size(dir.resolve("index")) / 1e6));
        t0 = System.nanoTime();
        try (MatterSession s = new MatterSession(Matter.open(dir, password))) {
            out.put("open_seconds", secs(t0));
            t0 = System.nanoTime();
            s.retrieval();
            out.put("keyword_index_open_seconds", secs(t0));
            if (embed) {
                t0 = System.nanoTime();
                s.retrieval().vectors();
                out.put("vector_index_load_seconds", secs(t0));
            }
            out.putAll(latency(s, SearchService.Mode.KEYWORD, qs));
            if (embed) out.putAll(latency(s, SearchService.Mode.HYBRID, qs));
        }
        return out;
    }

    private Map<String, Object> latency(MatterSession s, SearchService.Mode mode, List<String> qs) {
        for (String q : qs) s.retrieval().search(q, mode, 10, SearchFilter.NONE);
        double[] ms = new double[qs.size() * repeat];
        int i = 0;
        for (int r = 0; r < repeat; r++) {
            for (String q : qs) {
                long t = System.nanoTime();
                s.retrieval().search(q, mode, 10, SearchFilter.NONE);
                ms[i++] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        String m = mode.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(m + "_search_p50_ms", BenchCommand.round(ms[ms.length / 2]));
        out.put(m + "_search_mean_ms", BenchCommand.round(Arrays.stream(ms).average().orElse(0)));
        return out;
    }

    private static double secs(long t0) {
        return BenchCommand.round((System.nanoTime() - t0) / 1e9);
    }
}
