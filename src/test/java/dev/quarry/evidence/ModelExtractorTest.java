package dev.quarry.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The model path against a local server speaking the OpenAI and Anthropic wire protocols, failures included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelExtractorTest {
    EvidenceFixture fx;
    FakeLlmServer server;
    long doc;
    final Criterion law = FieldTemplates.criterion("governing_law");

    @BeforeAll
    void setUp(@TempDir Path tmp) throws Exception {
        fx = new EvidenceFixture(tmp);
        doc = fx.add("texas.txt", EvidenceFixture.contract("ACME Corp. and Beta LLC", "March 1, 2019", "the State of Texas", true));
        fx.searchable();
        server = new FakeLlmServer();
    }

    @BeforeEach
    void online() {
        fx.matter.settings().put(EgressPolicy.OFFLINE, "false");
    }

    @AfterAll
    void tearDown() {
        server.close();
        fx.close();
    }

    EvidenceEngine engine(LlmProvider p) {
        String base = p == LlmProvider.OPENAI ? server.openAiBaseUrl() : server.anthropicBaseUrl();
        LlmConfig c = new LlmConfig(p, base, "model-x", "sk-never-logged").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new EvidenceEngine(fx.matter, fx.retrieval, LlmGateway.forMatter(fx.matter, c));
    }

    static String user(String body) {
        JsonNode msgs;
        try {
            msgs = Json.MAPPER.readTree(body).path("messages");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return msgs.get(msgs.size() - 1).path("content").asText();
    }

    private static final Pattern SOURCE = Pattern.compile("<source id=\"(\\d+)\"[^>]*>\\n(.*?)\\n</source>", Pattern.DOTALL);

    /** The number of the passage holding this text in the prompt a request carried. */
    static int sourceWith(String body, String text) {
        Matcher m = SOURCE.matcher(user(body));
        while (m.find()) if (m.group(2).contains(text)) return Integer.parseInt(m.group(1));
        return -1;
    }

    static String lawAnswer(String body) {
        return "{\"value\": \"the State of Texas\", \"quote\": \"governed by and construed in accordance with the laws of the State of Texas\", "
                + "\"source\": " + sourceWith(body, "governed by") + "}";
    }

    @Test
    void aStrictJsonAnswerWithAVerifiedQuote() {
        int before = server.received().size();
        server.then(FakeLlmServer.answer(ModelExtractorTest::lawAnswer));
        Answer a = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.VALUE);
        assertThat(a.value()).isEqualTo("Texas");
        assertThat(a.rawValue()).isEqualTo("the State of Texas");
        assertThat(a.method()).isEqualTo(Answer.Method.LLM);
        assertThat(a.model()).isEqualTo("model-x");
        assertThat(a.quote().verified()).isTrue();
        assertThat(a.needsReview()).isFalse();
        FakeLlmServer.Received sent = server.received().get(before);
        assertThat(user(sent.body())).contains("governing_law").contains("<source id=\"1\"").contains("JSON");
        // The audit holds the call, with this document.
        assertThat(fx.matter.audit().list(LlmGateway.AUDIT_CALL, 100, 0)).isNotEmpty();
    }

    @Test
    void invalidJsonIsAskedForOnceMoreThenTheCellIsAnError() {
        int before = server.received().size();
        server.then(FakeLlmServer.answer("The governing law is Texas."), FakeLlmServer.answer(ModelExtractorTest::lawAnswer));
        Answer retried = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(retried.value()).isEqualTo("Texas");
        assertThat(server.received()).hasSize(before + 2);
        assertThat(user(server.received().get(before + 1).body())).contains("previous reply could not be used");

        server.then(FakeLlmServer.answer("Texas, I believe."), FakeLlmServer.answer("{\"value\": \"Texas\", \"quote\": "));
        Answer twice = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(twice.outcome()).isEqualTo(Answer.Outcome.ERROR);
        assertThat(twice.error()).contains("twice").contains("JSON");
        assertThat(twice.value()).isEmpty();
        assertThat(twice.quote()).isNull();
        assertThat(twice.needsReview()).isTrue();
        assertThat(server.received()).hasSize(before + 4);
    }

    @Test
    void aQuoteThatIsNotInTheSourceIsFlaggedNeverShownAsFact() {
        server.then(FakeLlmServer.answer(b -> "{\"value\": \"Delaware\", \"quote\": \"governed by the laws of the State of Delaware\", \"source\": "
                + sourceWith(b, "governed by") + "}"));
        Answer a = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.VALUE);
        assertThat(a.value()).isEqualTo("Delaware");
        assertThat(a.quote().verified()).isFalse();
        assertThat(a.needsReview()).isTrue();
        assertThat(a.confidence()).isLessThan(ModelExtractor.VERIFIED);
    }

    @Test
    void notStatedByTheModelKeepsTheProofOfAbsence() {
        server.then(FakeLlmServer.answer("{\"value\": null, \"quote\": \"\", \"source\": null}"));
        Answer a = engine(LlmProvider.ANTHROPIC).ask(doc, FieldTemplates.criterion("audit_rights"), Evidence.Mode.LLM);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.NOT_STATED);
        assertThat(a.queriesRun()).isNotEmpty();
        assertThat(a.closest()).isNotEmpty();
        assertThat(a.error()).isNull();
    }

    @Test
    void bothExtractorsAgreeingRaiseTheConfidenceDisagreeingSendToReview() {
        server.then(FakeLlmServer.answer(ModelExtractorTest::lawAnswer));
        EvidenceEngine e = engine(LlmProvider.OPENAI);
        Answer offline = e.ask(doc, law, Evidence.Mode.OFFLINE);
        Answer both = e.ask(doc, law, Evidence.Mode.BOTH);
        assertThat(both.method()).isEqualTo(Answer.Method.BOTH);
        assertThat(both.value()).isEqualTo("Texas");
        assertThat(both.confidence()).isGreaterThan(offline.confidence());
        assertThat(both.needsReview()).isFalse();

        server.then(FakeLlmServer.answer(b -> "{\"value\": \"Texas and Oklahoma\", \"quote\": \"laws of the State of Texas\", \"source\": "
                + sourceWith(b, "governed by") + "}"));
        Answer split = e.ask(doc, FieldTemplates.criterion("governing_law"), Evidence.Mode.BOTH);
        assertThat(split.needsReview()).isFalse(); // both normalise to Texas: they agree
        server.then(FakeLlmServer.answer(b -> "{\"value\": \"Ohio\", \"quote\": \"governed by\", \"source\": " + sourceWith(b, "governed by") + "}"));
        Answer disagree = e.ask(doc, law, Evidence.Mode.BOTH);
        assertThat(disagree.needsReview()).isTrue();
        assertThat(disagree.confidence()).isLessThanOrEqualTo(0.5);
    }

    @Test
    void theOfflineSwitchSendsNothingAndABrokenReplyIsAnError() {
        fx.matter.settings().put(EgressPolicy.OFFLINE, "true");
        int before = server.received().size();
        Answer off = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(off.outcome()).isEqualTo(Answer.Outcome.ERROR);
        assertThat(off.error()).contains("offline");
        assertThat(server.received()).hasSize(before);
        fx.matter.settings().put(EgressPolicy.OFFLINE, "false");

        server.then(FakeLlmServer.invalidJson());
        Answer broken = engine(LlmProvider.OPENAI).ask(doc, law, Evidence.Mode.LLM);
        assertThat(broken.outcome()).isEqualTo(Answer.Outcome.ERROR);
        assertThat(broken.error()).isNotBlank();
        assertThat(broken.closest()).isNotEmpty();
    }

    @Test
    void typedValuesFromTheModelAreNormalised() {
        Criterion date = FieldTemplates.criterion("agreement_date");
        server.then(FakeLlmServer.answer(b -> "{\"value\": \"March 1, 2019\", \"quote\": \"as of March 1, 2019\", \"source\": " + sourceWith(b, "March 1, 2019") + "}"));
        Answer d = engine(LlmProvider.OPENAI).ask(doc, date, Evidence.Mode.LLM);
        assertThat(d.value()).isEqualTo("2019-03-01");
        assertThat(d.quote().verified()).isTrue();
        Criterion nc = FieldTemplates.criterion("non_compete");
        server.then(FakeLlmServer.answer("{\"value\": \"no\", \"quote\": \"\", \"source\": null}"));
        assertThat(engine(LlmProvider.OPENAI).ask(doc, nc, Evidence.Mode.LLM).value()).isEqualTo("no");
        server.then(FakeLlmServer.answer("{\"value\": \"maybe\", \"quote\": \"x\", \"source\": 1}"), FakeLlmServer.answer("{\"value\": \"perhaps\", \"quote\": \"x\", \"source\": 1}"));
        Answer bad = engine(LlmProvider.OPENAI).ask(doc, nc, Evidence.Mode.LLM);
        assertThat(bad.outcome()).isEqualTo(Answer.Outcome.ERROR);
        assertThat(bad.error()).contains("yes or no");
    }
}
