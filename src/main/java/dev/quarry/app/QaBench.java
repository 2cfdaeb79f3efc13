package dev.quarry.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import dev.quarry.qa.Citation;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Q&A's own cost and its citations on a real matter, with a model that costs nothing: a local
 * OpenAI-compatible server answers every question at once by quoting the first sentence of sources [1]
 * and [2] of the prompt it received, so the whole pipeline runs (retrieval, answerability check, prompt,
 * gateway with its egress policy, budget and audit, HTTP, citation verification, history) and the time
 * outside the model is the time measured. Citation accuracy follows LegalBench-RAG's gold spans: a
 * question counts when at least one citation overlaps a gold span of the right document.
 *
 * <p>Run it on a copy of the matter: every question is stored in its history and audit log.
 */
public final class QaBench {
    private QaBench() {}

    /** One LegalBench-RAG test: the question and its gold spans (file name, start, end). */
    public record Test(String query, List<Gold> gold) {}

    public record Gold(String fileName, long start, long end) {}

    public static List<Test> readTests(JsonNode root) {
        List<Test> out = new ArrayList<>();
        for (JsonNode t : root.path("tests")) {
            List<Gold> gold = new ArrayList<>();
            for (JsonNode s : t.path("snippets")) {
                gold.add(new Gold(Path.of(s.path("file_path").asText()).getFileName().toString(),
                        s.path("span").get(0).asLong(), s.path("span").get(1).asLong()));
            }
            out.add(new Test(t.path("query").asText(), gold));
        }
        return out;
    }

    /**
     * @param timed      how many questions (spread over the tests) are timed
     * @param accuracyOf how many tests (spread over them; all when ≥ their number) count for citation accuracy
     */
    public static Map<String, Object> run(MatterSession session, List<Test> tests, int timed, int accuracyOf,
                                          Consumer<String> progress) throws IOException {
        Matter matter = session.matter();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> idByName = new HashMap<>();
        for (DocumentSummary d : session.documents().listAll()) idByName.putIfAbsent(d.fileName(), d.id());
        try (InstantServer server = InstantServer.start()) {
            matter.settings().put(dev.quarry.llm.EgressPolicy.QUERIES_PER_HOUR, "1000000");
            matter.settings().put(dev.quarry.llm.EgressPolicy.TOKENS_PER_DAY, "1000000000");
            LlmGateway gateway = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.baseUrl(), "instant", null));
            HybridPassageRetriever hybrid = new HybridPassageRetriever(session.retrieval());
            Timed retriever = new Timed(hybrid);
            QaService qa = new QaService(matter, retriever, retriever, gateway);
            // Warm-up: the model loads and the JIT compiles; not counted. Then dev questions from between the
            // timed ones, as many as are timed, so that the timed ones meet a process in its steady state.
            long t0 = System.nanoTime();
            qa.ask("What is the governing law of the agreement?", QaService.AskOptions.DEFAULT);
            out.put("first_question_ms", (System.nanoTime() - t0) / 1_000_000);
            List<Test> timedTests = spread(tests, timed);
            List<Test> warmTests = spread(tests, timed * 2).stream().filter(t -> !timedTests.contains(t)).toList();
            for (Test t : warmTests) qa.ask(t.query(), QaService.AskOptions.DEFAULT);
            out.put("warmup_questions", warmTests.size() + 1);

            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            List<Long> retrieval = new ArrayList<>(), model = new ArrayList<>(), total = new ArrayList<>(),
                    outside = new ArrayList<>(), cpuMs = new ArrayList<>(), search = new ArrayList<>(), lookups = new ArrayList<>();
            Map<String, Integer> types = new LinkedHashMap<>();
            int timedHits = 0, cited = 0, verified = 0;
            for (Test t : timedTests) {
                long c0 = cpu.getCurrentThreadCpuTime();
                retriever.reset();
                QaResult r = qa.ask(t.query(), QaService.AskOptions.DEFAULT);
                cpuMs.add((cpu.getCurrentThreadCpuTime() - c0) / 1_000_000);
                retrieval.add(r.retrievalMs());
                model.add(r.llmMs());
                total.add(r.totalMs());
                outside.add(r.totalMs() - r.llmMs());
                search.add(retriever.searchNanos / 1_000_000);
                lookups.add(retriever.lookupNanos / 1_000_000);
                types.merge(r.answerType().db(), 1, Integer::sum);
                if (overlaps(r.citations(), t, idByName)) timedHits++;
                for (Citation c : r.citations()) {
                    if (c.cited()) cited++;
                    if (c.cited() && c.verified()) verified++;
                }
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("questions", timedTests.size());
            timing.put("answer_types", types);
            timing.put("retrieval_ms", pcts(retrieval));
            timing.put("of_which_hybrid_search_ms", pcts(search));
            timing.put("of_which_term_lookups_ms", pcts(lookups));
            timing.put("model_call_ms", pcts(model));
            timing.put("outside_model_ms", pcts(outside));
            timing.put("total_ms", pcts(total));
            timing.put("calling_thread_cpu_ms", pcts(cpuMs));
            timing.put("citation_accuracy", round((double) timedHits / timedTests.size()));
            timing.put("cited_citations", cited);
            timing.put("cited_citations_verified", verified);
            out.put("timed", timing);
            out.put("model_server_requests", server.requests());

            if (accuracyOf <= 0) return out;
            List<Test> accTests = spread(tests, accuracyOf);
            int any = 0, citedHit = 0, first = 0, answered = 0;
            Map<String, Integer> accTypes = new LinkedHashMap<>();
            for (int i = 0; i < accTests.size(); i++) {
                Test t = accTests.get(i);
                QaResult r = qa.ask(t.query(), QaService.AskOptions.DEFAULT);
                accTypes.merge(r.answerType().db(), 1, Integer::sum);
                if (!r.citations().isEmpty()) answered++;
                if (overlaps(r.citations(), t, idByName)) any++;
                if (overlaps(r.citations().stream().filter(Citation::cited).toList(), t, idByName)) citedHit++;
                if (overlaps(r.citations().stream().limit(1).toList(), t, idByName)) first++;
                if ((i + 1) % 250 == 0) progress.accept("accuracy: " + (i + 1) + "/" + accTests.size() + " questions");
            }
            Map<String, Object> acc = new LinkedHashMap<>();
            acc.put("questions", accTests.size());
            acc.put("answer_types", accTypes);
            acc.put("with_citations", answered);
            acc.put("any_citation_overlaps_gold", round((double) any / accTests.size()));
            acc.put("a_cited_citation_overlaps_gold", round((double) citedHit / accTests.size()));
            acc.put("first_citation_overlaps_gold", round((double) first / accTests.size()));
            out.put("citation_accuracy", acc);
        }
        return out;
    }

    /** The matter's retriever, timing its searches and term lookups for the question being asked. */
    static final class Timed implements dev.quarry.qa.PassageRetriever, dev.quarry.qa.TermLookup {
        private final HybridPassageRetriever inner;
        long searchNanos;
        long lookupNanos;

        Timed(HybridPassageRetriever inner) {
            this.inner = inner;
        }

        void reset() {
            searchNanos = 0;
            lookupNanos = 0;
        }

        @Override
        public List<dev.quarry.qa.Passage> retrieve(String question, int k) {
            long s = System.nanoTime();
            try {
                return inner.retrieve(question, k);
            } finally {
                searchNanos += System.nanoTime() - s;
            }
        }

        @Override
        public boolean occurs(String termOrPhrase) {
            long s = System.nanoTime();
            try {
                return inner.occurs(termOrPhrase);
            } finally {
                lookupNanos += System.nanoTime() - s;
            }
        }
    }

    static boolean overlaps(List<Citation> citations, Test t, Map<String, Long> idByName) {
        for (Gold g : t.gold()) {
            Long doc = idByName.get(g.fileName());
            if (doc == null) continue;
            for (Citation c : citations) {
                if (c.documentId() == doc && c.docStartChar() != null && c.docStartChar() < g.end() && c.docEndChar() > g.start()) return true;
            }
        }
        return false;
    }

    static <T> List<T> spread(List<T> all, int n) {
        if (n >= all.size()) return all;
        List<T> out = new ArrayList<>(n);
        double step = (double) all.size() / n;
        for (int i = 0; i < n; i++) out.add(all.get((int) (i * step)));
        return out;
    }

    private static Map<String, Object> pcts(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", s.get(Math.max(0, (int) Math.ceil(0.50 * s.size()) - 1)));
        m.put("p95", s.get(Math.max(0, (int) Math.ceil(0.95 * s.size()) - 1)));
        m.put("max", s.get(s.size() - 1));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * A local OpenAI-compatible Chat Completions endpoint (plain and streamed) that answers at once by
     * quoting sources [1] and [2] of the prompt. It listens on the loopback address only.
     */
    static final class InstantServer implements AutoCloseable {
        private static final Pattern SOURCE = Pattern.compile("<source id=\"(\\d+)\"[^>]*>\\n(.*?)\\n</source>", Pattern.DOTALL);
        private final HttpServer http;
        private final java.util.function.Function<String, String> answerer;
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        private InstantServer(HttpServer http, java.util.function.Function<String, String> answerer) {
            this.http = http;
            this.answerer = answerer;
        }

        static InstantServer start() throws IOException {
            return start(InstantServer::answer);
        }

        /** A server that answers each user prompt with {@code answerer}'s text (the grid bench's JSON answers). */
        static InstantServer start(java.util.function.Function<String, String> answerer) throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Several threads: the grid bench asks concurrently.
            http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "instant-model");
                t.setDaemon(true);
                return t;
            }));
            InstantServer s = new InstantServer(http, answerer);
            http.createContext("/", s::handle);
            http.start();
            return s;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
        }

        int requests() {
            return requests.get();
        }

        private void handle(HttpExchange ex) throws IOException {
            requests.incrementAndGet();
            try (ex) {
                JsonNode req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
                String prompt = "";
                for (JsonNode m : req.path("messages")) if ("user".equals(m.path("role").asText())) prompt = m.path("content").asText();
                String answer = answerer.apply(prompt);
                String model = req.path("model").asText();
                int in = prompt.length() / 4, outTokens = answer.length() / 4;
                if (req.path("stream").asBoolean(false)) {
                    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    sse(out, delta(model, Json.write(answer), null));
                    sse(out, delta(model, null, "stop"));
                    sse(out, "{\"id\":\"bench\",\"object\":\"chat.completion.chunk\",\"model\":" + Json.write(model)
                            + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + outTokens + "}}");
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    byte[] body = ("{\"id\":\"bench\",\"object\":\"chat.completion\",\"model\":" + Json.write(model)
                            + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(answer)
                            + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":"
                            + outTokens + "}}").getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            }
        }

        /** Quotes the first sentence (up to 200 characters) of sources 1 and 2, each with its marker. */
        static String answer(String prompt) {
            StringBuilder sb = new StringBuilder();
            Matcher m = SOURCE.matcher(prompt);
            while (m.find() && Integer.parseInt(m.group(1)) <= 2) {
                String text = m.group(2).strip().replaceAll("\\s+", " ");
                int end = text.indexOf(". ");
                String quote = text.substring(0, Math.min(text.length(), Math.min(200, end > 20 ? end + 1 : text.length()))).strip();
                int q = quote.indexOf('"');
                if (q >= 0) quote = quote.substring(0, q).strip(); // a quote must stay an exact copy of the source
                if (quote.length() < 10) continue;
                if (sb.length() > 0) sb.append(' ');
                sb.append("Source ").append(m.group(1)).append(" states \"").append(quote).append("\" [")
                        .append(m.group(1)).append("].");
            }
            return sb.length() == 0 ? "INSUFFICIENT_EVIDENCE: the sources are empty." : sb.toString();
        }

        private static String delta(String model, String contentJson, String finish) {
            return "{\"id\":\"bench\",\"object\":\"chat.completion.chunk\",\"model\":" + Json.write(model) + ",\"choices\":[{\"index\":0,"
                    + "\"delta\":{" + (contentJson == null ? "" : "\"content\":" + contentJson) + "},\"finish_reason\":"
                    + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
        }

        private static void sse(OutputStream out, String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
