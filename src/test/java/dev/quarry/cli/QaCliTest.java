package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import dev.quarry.testing.WordTokenCounter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QaCliTest {
    @TempDir Path tmp;
    Path dir;
    FakeLlmServer server;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("matter");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("agreement.txt"), "The monthly service fee is $12,500, payable within thirty days. "
                + "Questions about invoices go to billing@acme-logistics.com.\n\nEither party may terminate on ninety days notice.");
        Files.writeString(in.resolve("memo.txt"), "The service was delayed in Rotterdam. The fee for the delay was disputed.");
        Files.writeString(in.resolve("policy.txt"), "Shipping records about the service are kept for seven years.");
        try (Matter m = Matter.create(dir, "cli", null, null)) {
            m.settings().put(Settings.CHUNK_MAX_TOKENS, "30");
            m.settings().put(Settings.CHUNK_OVERLAP_TOKENS, "5");
        }
        // The real import: parsed, keyword-indexed and embedded, as a user's matter is.
        assertThat(QuarryCli.run("import", dir.toString(), in.toString(), "--quiet")).isZero();
        server = new FakeLlmServer();
        AskCommand.env = Map.of();
    }

    @AfterEach
    void tearDown() {
        server.close();
        AskCommand.env = System.getenv();
    }

    static JsonNode run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = QuarryCli.run(args);
        } finally {
            System.setOut(old);
        }
        assertThat(code).as(buf.toString(StandardCharsets.UTF_8)).isZero();
        return Json.MAPPER.readTree(buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void benchAskTimesQuestionsScoresCitationsAndLeavesTheMatterAsItWas() throws Exception {
        Path queries = tmp.resolve("queries.json");
        Files.writeString(queries, """
                {"tests": [
                  {"query": "What is the monthly service fee?", "snippets": [{"file_path": "in/agreement.txt", "span": [0, 40]}]},
                  {"query": "How long are shipping records kept?", "snippets": [{"file_path": "in/policy.txt", "span": [0, 60]}]},
                  {"query": "Where was the service delayed?", "snippets": [{"file_path": "in/nowhere.txt", "span": [0, 10]}]}
                ]}""");
        JsonNode r = run("bench", "ask", dir.toString(), queries.toString(), "--questions", "2");
        JsonNode timed = r.path("timed");
        assertThat(timed.path("questions").asInt()).isEqualTo(2);
        assertThat(timed.path("answer_types").path("grounded").asInt()).as(r.toString()).isEqualTo(2);
        assertThat(timed.path("outside_model_ms").path("p95").asLong()).isGreaterThanOrEqualTo(timed.path("outside_model_ms").path("p50").asLong());
        // The warm-up asks the question between the timed ones (and one of its own); the split of retrieval is there.
        assertThat(r.path("warmup_questions").asInt()).isEqualTo(2);
        assertThat(timed.path("of_which_hybrid_search_ms").path("max").asLong())
                .isPositive().isLessThanOrEqualTo(timed.path("retrieval_ms").path("max").asLong());
        assertThat(timed.path("of_which_term_lookups_ms").has("p95")).isTrue();
        assertThat(timed.path("citation_accuracy").asDouble()).isEqualTo(1.0);
        // The instant model quotes its sources exactly, so what it cites checks out.
        assertThat(timed.path("cited_citations").asInt()).isPositive();
        assertThat(timed.path("cited_citations_verified").asInt()).isEqualTo(timed.path("cited_citations").asInt());
        assertThat(r.path("model_server_requests").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode acc = r.path("citation_accuracy");
        assertThat(acc.path("questions").asInt()).isEqualTo(3);
        // The third question's gold document is not in the matter: 2 of 3.
        assertThat(acc.path("any_citation_overlaps_gold").asDouble()).isEqualTo(0.667);
        // It ran on a copy: the matter's own history and audit log are untouched.
        assertThat(run("history", dir.toString(), "--json").path("total").asInt()).isZero();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void reviewListsDoubtfulAnswersAndRecordsTheRightOne() throws Exception {
        try (Matter m = Matter.open(dir, null)) {
            m.settings().put(dev.quarry.qa.QaService.REVIEW_THRESHOLD, "0.99"); // every answer is doubtful
        }
        long id = run("ask", dir.toString(), "What is the monthly service fee?", "--offline", "--json").path("query_id").asLong();
        JsonNode queued = run("review", dir.toString(), "--json").path("items");
        assertThat(queued).singleElement().satisfies(i -> {
            assertThat(i.path("query_id").asLong()).isEqualTo(id);
            assertThat(i.path("status").asText()).isEqualTo("queued");
            assertThat(i.path("reason").asText()).isEqualTo("low_confidence");
        });
        JsonNode after = run("review", dir.toString(), "--resolve", String.valueOf(id), "--answer", "$12,500 a month.",
                "--reviewer", "jd", "--json");
        assertThat(after.path("items")).isEmpty();
        JsonNode all = run("review", dir.toString(), "--all", "--json").path("items");
        assertThat(all.get(0).path("correct_answer").asText()).isEqualTo("$12,500 a month.");
        assertThat(all.get(0).path("reviewer").asText()).isEqualTo("jd");
        assertThat(run("audit", dir.toString(), "--json", "--type", "qa.review").toString()).contains("qa.review_resolved");
        // Bad ids and a missing answer get one sentence each, and change nothing.
        assertThat(QuarryCli.run("review", dir.toString(), "--request", "999")).isEqualTo(1);
        assertThat(QuarryCli.run("review", dir.toString(), "--resolve", "999", "--answer", "x")).isEqualTo(1);
        assertThat(QuarryCli.run("review", dir.toString(), "--resolve", String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void aResolvedReviewsAnswerIsWhatTheSameQuestionGetsNextTime() throws Exception {
        JsonNode first = run("ask", dir.toString(), "What is the monthly service fee?", "--offline", "--json");
        long id = first.path("query_id").asLong();
        assertThat(first.path("answer_type").asText()).isEqualTo("extractive");
        run("review", dir.toString(), "--request", String.valueOf(id), "--json");
        run("review", dir.toString(), "--resolve", String.valueOf(id), "--answer", "$12,500 a month.", "--reviewer", "jd", "--json");

        JsonNode again = run("ask", dir.toString(), "what is the monthly service fee", "--offline", "--json");
        assertThat(again.path("answer_type").asText()).as(again.toString()).isEqualTo("reviewed");
        assertThat(again.path("answer").asText()).isEqualTo("$12,500 a month.");
        assertThat(again.path("cache_hit").asBoolean()).isFalse();
        assertThat(again.path("reviewed").path("reviewer").asText()).isEqualTo("jd");
        assertThat(again.path("reviewed").path("review_of").asLong()).isEqualTo(id);
        assertThat(again.path("reviewed").path("reviewed_at").asText()).isNotEmpty();
        assertThat(run("history", dir.toString(), "--json").toString()).contains("\"answer_type\":\"reviewed\"");
    }

    void configureModel() {
        try (Matter m = Matter.open(dir, null)) {
            m.settings().put(LlmSettings.PROVIDER, "openai");
            m.settings().put(LlmSettings.BASE_URL, server.openAiBaseUrl());
            m.settings().put(LlmSettings.MODEL, "local-model");
        }
    }

    @Test
    void theOfflineSwitchSetFromTheCommandLineKeepsEverythingOnTheMachine() throws Exception {
        configureModel();
        server.always(FakeLlmServer.answer(b -> "The fee is $12,500 [1]."));
        assertThat(run("matter", "set", dir.toString(), "llm.offline", "true", "--json").path("new").asText()).isEqualTo("true");
        assertThat(run("ask", dir.toString(), "What is the monthly service fee?", "--json").path("answer_type").asText())
                .isEqualTo("extractive");
        assertThat(server.received()).isEmpty();

        run("matter", "set", dir.toString(), "llm.offline", "false", "--json");
        assertThat(run("ask", dir.toString(), "How much is the monthly service fee?", "--json").path("answer_type").asText())
                .isEqualTo("grounded");
        assertThat(server.received()).hasSize(1);
        assertThat(run("audit", dir.toString(), "--json", "--type", "settings.").toString())
                .contains("\"key\":\"llm.offline\"", "\"old\":\"true\"", "\"new\":\"false\"");

        // Values that would not work, a key that is not a setting, and an API key: refused, nothing changed.
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "llm.offline", "yes")).isEqualTo(2);
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "llm.queries_per_hour", "-1")).isEqualTo(2);
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "llm.base_url", "localhost:8080")).isEqualTo(2);
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "llm.api_key", "sk-secret")).isEqualTo(2);
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "embedding.model", "all-minilm-l6-v2")).isEqualTo(2);
        assertThat(QuarryCli.run("matter", "set", dir.toString(), "no.such", "1")).isEqualTo(2);
        try (Matter m = Matter.open(dir, null)) {
            assertThat(m.settings().get("llm.offline")).isEqualTo("false");
            assertThat(m.settings().all().toString()).doesNotContain("sk-secret");
        }
    }

    @Test
    void askOfflinePrintsTheDocumentedJson() throws Exception {
        // A model is configured and reachable: --offline, not its absence, is what keeps the server unasked.
        configureModel();
        JsonNode r = run("ask", dir.toString(), "What is the monthly service fee?", "--offline", "--json");
        for (String key : List.of("query_id", "answer", "answer_type", "confidence", "citations", "suggestions",
                "flagged_for_review", "timings", "tokens", "model", "cache_hit")) {
            assertThat(r.has(key)).as(key).isTrue();
        }
        assertThat(r.path("answer_type").asText()).as(r.toString()).isEqualTo("extractive");
        JsonNode c = r.path("citations").get(0);
        for (String key : List.of("rank", "document_id", "file_name", "page", "bates", "preview", "score")) assertThat(c.has(key)).as(key).isTrue();
        assertThat(c.path("file_name").asText()).isEqualTo("agreement.txt");
        assertThat(r.path("timings").has("retrieval_ms")).isTrue();
        assertThat(r.path("timings").has("llm_ms")).isTrue();
        assertThat(r.path("timings").has("total_ms")).isTrue();
        assertThat(r.path("tokens").path("input").asInt()).isZero();
        assertThat(r.path("cache_hit").asBoolean()).isFalse();
        assertThat(run("ask", dir.toString(), "What is the monthly service fee?", "--offline", "--json").path("cache_hit").asBoolean()).isTrue();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void askWithAModelFromSettingsThenHistoryAndAudit() throws Exception {
        try (Matter m = Matter.open(dir, null)) {
            m.settings().put(LlmSettings.PROVIDER, "openai");
            m.settings().put(LlmSettings.BASE_URL, server.openAiBaseUrl());
            m.settings().put(LlmSettings.MODEL, "local-model");
        }
        server.always(FakeLlmServer.answer(b -> "Invoices go to [EMAIL_1] [1]. The fee is $12,500 [1]."));
        JsonNode r = run("ask", dir.toString(), "Where do invoice questions about the service fee go?", "--redact", "--json");
        assertThat(r.path("answer_type").asText()).isEqualTo("grounded");
        assertThat(r.path("model").asText()).isEqualTo("local-model");
        assertThat(r.path("answer").asText()).contains("billing@acme-logistics.com");
        assertThat(r.path("tokens").path("input").asInt()).isEqualTo(42);
        assertThat(server.received()).singleElement().satisfies(got -> assertThat(got.body()).doesNotContain("billing@acme"));

        JsonNode h = run("history", dir.toString(), "--json");
        assertThat(h.path("total").asInt()).isEqualTo(1);
        assertThat(h.path("items").get(0).path("query_id").asLong()).isEqualTo(r.path("query_id").asLong());

        JsonNode audit = run("audit", dir.toString(), "--json", "--type", "llm.");
        JsonNode call = audit.get(0);
        assertThat(call.path("type").asText()).isEqualTo("llm.call");
        assertThat(call.path("details").path("model").asText()).isEqualTo("local-model");
        assertThat(call.path("details").path("document_ids").size()).isPositive();
        assertThat(call.path("details").path("bytes_sent").asLong()).isEqualTo(server.received().get(0).body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(call.path("details").has(LlmGateway.SENT_TEXT)).as("a listing leaves the text out").isFalse();
        assertThat(call.path("details").path("sent_sha256").asText()).hasSize(64);
        // --show gives the text exactly as the server received it: redacted, placeholders and all.
        JsonNode shown = run("audit", dir.toString(), "--show", call.path("id").asText(), "--json");
        String sentUser = shown.path("details").path(LlmGateway.SENT_TEXT).path("user").asText();
        JsonNode msgs = server.received().get(0).json().path("messages");
        assertThat(sentUser).isEqualTo(msgs.get(msgs.size() - 1).path("content").asText()).contains("[EMAIL_1]")
                .doesNotContain("billing@acme");

        Path export = tmp.resolve("history.json");
        run("history", dir.toString(), "--feedback", r.path("query_id").asText(), "helpful", "--comment", "good", "--export", export.toString(), "--json");
        JsonNode exported = Json.MAPPER.readTree(export.toFile());
        assertThat(exported.get(0).path("feedback").path("rating").asText()).isEqualTo("helpful");
        JsonNode after = run("history", dir.toString(), "--delete-all", "--json");
        assertThat(after.path("total").asInt()).isZero();
    }
}
