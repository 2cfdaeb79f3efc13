package dev.quarry.letters;

import static dev.quarry.llm.FakeLlmServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Matter;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.FakeLlmServer;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmException;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The polish path against a local server speaking the providers' real wire protocols. */
class LetterPolisherTest {
    @TempDir Path tmp;
    Matter matter;
    FakeLlmServer server;
    LetterService letters;
    long letterId;
    String draft;

    @BeforeEach
    void setUp() throws Exception {
        matter = Matter.create(tmp.resolve("m"), "polish", null, null);
        server = new FakeLlmServer();
        letters = new LetterService(new LetterRepository(matter.db()), ReportSource.of(List.of(LetterFixtures.federal(3))),
                Templates.forHome(tmp.resolve("home")), LetterFixtures.bates(), matter.audit());
        LetterService.LetterView v = letters.draft(12, "federal", LetterFixtures.meta("2024-11-09", Service.ELECTRONIC), "avery");
        letterId = v.letter().id();
        draft = v.version().content();
    }

    @AfterEach
    void tearDown() {
        server.close();
        matter.close();
    }

    LetterPolisher polisher(LlmProvider p) {
        String base = p == LlmProvider.OPENAI ? server.openAiBaseUrl() : server.anthropicBaseUrl();
        LlmConfig c = new LlmConfig(p, base, "model-x", "sk-never-logged").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new LetterPolisher(letters, LlmGateway.forMatter(matter, c));
    }

    /** The letter the model was sent (the last user message), as the provider received it. */
    static String sent(FakeLlmServer.Received r) {
        JsonNode j = r.json();
        JsonNode msgs = j.path("messages");
        JsonNode content = msgs.get(msgs.size() - 1).path("content");
        return content.isArray() ? content.get(0).path("text").asText() : content.asText();
    }

    @Test
    void aPolishThatKeepsEveryNumberDateAndQuotationIsSavedAsAVersion() {
        server.always(answer(body -> sent(new FakeLlmServer.Received("/", java.util.Map.of(), body))
                .replace("We have compared the production with the requests and with documents we know to exist.",
                        "We have reviewed the production against the requests and against documents known to exist.")));
        LetterPolisher.Outcome o = polisher(LlmProvider.OPENAI).polish(letterId, null, "avery");
        assertThat(o.accepted()).isTrue();
        assertThat(o.saved().version().version()).isEqualTo(2);
        assertThat(o.saved().version().source()).isEqualTo("polish");
        assertThat(o.saved().version().content()).contains("We have reviewed the production");
        assertThat(matter.audit().list("llm.call", 10, 0)).hasSize(1);
        assertThat(matter.audit().list("llm.call", 10, 0).get(0).details().get("purpose")).isEqualTo("letter_polish");
        assertThat(matter.audit().list("letter.polished", 10, 0)).hasSize(1);
    }

    @Test
    void aPolishThatChangesADateABatesNumberOrAQuotationIsRefusedWithTheDifference() {
        server.always(answer(body -> sent(new FakeLlmServer.Received("/", java.util.Map.of(), body))
                .replace("December 4, 2024", "December 5, 2024")
                .replace("SSC0000774\u2013SSC0000780", "SSC0000774")
                .replace("> All AGREEMENTS to which A.B. Watley, Inc. is a party.", "> All agreements with A.B. Watley, Inc.")));
        LetterPolisher.Outcome o = polisher(LlmProvider.ANTHROPIC).polish(letterId, null, "avery");
        assertThat(o.accepted()).isFalse();
        assertThat(o.saved()).isNull();
        assertThat(o.check().missing()).contains("date December 4, 2024", "Bates SSC0000780 (2 of 2)",
                "block quotation \u201cAll AGREEMENTS to which A.B. Watley, Inc. is a party.\u201d");
        assertThat(o.check().added()).contains("date December 5, 2024", "block quotation \u201cAll agreements with A.B. Watley, Inc.\u201d");
        assertThat(o.check().describe()).contains("missing from the polished text: date December 4, 2024");
        assertThat(letters.versions(letterId)).hasSize(1);
        assertThat(matter.audit().list("letter.polish_refused", 10, 0)).hasSize(1);
    }

    @Test
    void droppingARequestOrAMarkerIsRefused() {
        server.always(answer(body -> sent(new FakeLlmServer.Received("/", java.util.Map.of(), body))
                .replace("<!-- quarry: request=11 report=12 version=3 -->\n", "")
                .replace("Please produce all documents responsive to Request No. 11 and", "Please produce all documents and")));
        LetterPolisher.Outcome o = polisher(LlmProvider.OPENAI).polish(letterId, null, "avery");
        assertThat(o.accepted()).isFalse();
        assertThat(String.join(" ", o.check().missing())).contains("request 11").contains("marker <!-- quarry: request=11");
    }

    @Test
    void redactionIsHonouredAndTheAnswerRestored() {
        matter.settings().put(EgressPolicy.REDACT, "true");
        server.always(answer(body -> sent(new FakeLlmServer.Received("/", java.util.Map.of(), body))));
        LetterPolisher.Outcome o = polisher(LlmProvider.OPENAI).polish(letterId, null, "avery");
        String sentText = sent(server.received().get(0));
        assertThat(sentText).doesNotContain("aquinn@quinnmoreau.example", "jellis@hartwell.example");
        assertThat(draft).contains("aquinn@quinnmoreau.example");
        assertThat(o.accepted()).isTrue();
        assertThat(o.saved().version().version()).isEqualTo(1); // the same text: nothing new to save
        assertThat(o.polished()).contains("aquinn@quinnmoreau.example");
    }

    @Test
    void theOfflineSwitchSendsNothingAndAServerErrorSavesNothing() {
        matter.settings().put(EgressPolicy.OFFLINE, "true");
        assertThatThrownBy(() -> polisher(LlmProvider.OPENAI).polish(letterId, null, "avery")).isInstanceOf(LlmException.class)
                .hasMessageContaining("offline switch");
        assertThat(server.received()).isEmpty();
        matter.settings().put(EgressPolicy.OFFLINE, "false");
        server.always(FakeLlmServer.status(500));
        assertThatThrownBy(() -> polisher(LlmProvider.OPENAI).polish(letterId, null, "avery")).isInstanceOf(LlmException.class);
        assertThat(letters.versions(letterId)).hasSize(1);
        assertThatThrownBy(() -> new LetterPolisher(letters, null).polish(letterId, null, "a")).hasMessageContaining("offline draft is complete");
    }

    @Test
    void aFencedAnswerIsUnwrapped() {
        assertThat(LetterPolisher.unfence("```markdown\nDear Counsel:\n```")).isEqualTo("Dear Counsel:\n");
    }
}
