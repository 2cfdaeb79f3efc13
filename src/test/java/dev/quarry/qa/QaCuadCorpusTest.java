package dev.quarry.qa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.app.MatterSession;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Q&A over all 510 CUAD contracts in the corpus suite: 50 questions through a local server that answers
 * at once, then a slice of the dev queries answered extractively, checking that answers cite passages that
 * overlap gold spans. Retrieval here is a keyword FALLBACK, because embedding the corpus takes ~25 minutes;
 * the issue-4 figures with the real hybrid retrieval come from {@code quarry bench ask} (docs/BENCHMARKS.md).
 * Writes target/qa-cuad-bench.json.
 */
@Tag("corpus")
class QaCuadCorpusTest {
    private static final Logger log = LoggerFactory.getLogger(QaCuadCorpusTest.class);

    @TempDir Path tmp;

    @Test
    void overheadAndCitationAccuracyOnCuad() throws Exception {
        Path corpus = Path.of(System.getProperty("quarry.corpus"), "cuad");
        JsonNode tests = Json.MAPPER.readTree(corpus.resolve("queries-dev.json").toFile()).path("tests");
        Map<String, Object> out = new LinkedHashMap<>();
        try (MatterSession s = new MatterSession(Matter.create(tmp.resolve("cuad"), "cuad", null, null));
             FakeLlmServer server = new FakeLlmServer()) {
            long t0 = System.nanoTime();
            s.imports().run(s.imports().plan(List.of(corpus.resolve("contracts")), "cuad"), ProgressListener.NONE, new CancelToken());
            out.put("import_seconds", (System.nanoTime() - t0) / 1e9);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = cpu.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            KeywordFallbackRetriever retriever = KeywordFallbackRetriever.load(s.matter().db());
            out.put("chunks", retriever.size());
            out.put("index_load_ms", (System.nanoTime() - t0) / 1_000_000);
            out.put("index_load_cpu_ms", (cpu.getCurrentThreadCpuTime() - c0) / 1_000_000);
            Map<String, Long> idByName = new HashMap<>();
            for (DocumentSummary d : s.documents().listAll()) idByName.put(d.fileName(), d.id());

            server.always(FakeLlmServer.answer("The contract addresses this in the first source [1]."));
            LlmGateway gateway = LlmGateway.forMatter(s.matter(),
                    new LlmConfig(LlmProvider.OPENAI, server.openAiBaseUrl(), "instant", null));
            s.matter().settings().put("llm.queries_per_hour", "100000");
            QaService qa = new QaService(s.matter(), retriever, retriever, gateway);

            int n = tests.size();
            int step = Math.max(1, n / 50);
            List<Long> retrieval = new ArrayList<>();
            List<Long> overhead = new ArrayList<>();
            List<Long> total = new ArrayList<>();
            List<Long> cpuMs = new ArrayList<>();
            int withGold = 0;
            int hit = 0;
            Map<String, Integer> types = new HashMap<>();
            for (int i = 0, asked = 0; i < n && asked < 50; i += step, asked++) {
                JsonNode t = tests.get(i);
                long cpuBefore = cpu.getCurrentThreadCpuTime();
                QaResult r = qa.ask(t.path("query").asText(), QaService.AskOptions.DEFAULT);
                cpuMs.add((cpu.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000);
                types.merge(r.answerType().db(), 1, Integer::sum);
                retrieval.add(r.retrievalMs());
                total.add(r.totalMs());
                overhead.add(r.totalMs() - r.llmMs());
                withGold++;
                if (overlapsGold(r, t, idByName)) hit++;
            }
            out.put("questions", retrieval.size());
            out.put("answer_types", types);
            out.put("retrieval_ms_p50", pct(retrieval, 50));
            out.put("retrieval_ms_p95", pct(retrieval, 95));
            out.put("overhead_outside_model_ms_p50", pct(overhead, 50));
            out.put("overhead_outside_model_ms_p95", pct(overhead, 95));
            out.put("cpu_ms_per_question_p50", pct(cpuMs, 50));
            out.put("cpu_ms_per_question_p95", pct(cpuMs, 95));
            out.put("total_ms_p50", pct(total, 50));
            out.put("total_ms_p95", pct(total, 95));
            out.put("citation_overlaps_gold", hit);
            out.put("citation_accuracy", (double) hit / withGold);

            // Citation accuracy on a larger slice of the dev queries, extractive (no model, nothing sent).
            int big = 0;
            int bigHit = 0;
            for (int i = 0; i < n; i += Math.max(1, n / 300)) {
                JsonNode t = tests.get(i);
                QaResult r = qa.ask(t.path("query").asText(), new QaService.AskOptions(true, false));
                big++;
                if (overlapsGold(r, t, idByName)) bigHit++;
            }
            out.put("extractive_queries", big);
            out.put("extractive_citation_accuracy", (double) bigHit / big);
            out.put("retriever", "keyword_fallback");
            out.put("cores", Runtime.getRuntime().availableProcessors());
        }
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        Files.writeString(Path.of("target", "qa-cuad-bench.json"), json);
        log.info("CUAD Q&A bench: {}", json);
        assertThat((int) out.get("questions")).isEqualTo(50);
        assertThat((double) out.get("citation_accuracy")).isPositive();
    }

    private static boolean overlapsGold(QaResult r, JsonNode t, Map<String, Long> idByName) {
        for (JsonNode snip : t.path("snippets")) {
            String name = Path.of(snip.path("file_path").asText()).getFileName().toString();
            Long doc = idByName.get(name);
            if (doc == null) continue;
            long gs = snip.path("span").get(0).asLong();
            long ge = snip.path("span").get(1).asLong();
            for (Citation c : r.citations()) {
                if (c.documentId() == doc && c.docStartChar() != null && c.docStartChar() < ge && c.docEndChar() > gs) return true;
            }
        }
        return false;
    }

    private static long pct(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
