package dev.quarry.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.deficiency.DiscoveryParser;
import dev.quarry.deficiency.ParsedRequests;
import dev.quarry.deficiency.ParsedResponses;
import dev.quarry.documents.FileText;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dev deficiency scenarios' requests and responses, DOCX and PDF, parsed and checked against gold.json. */
@Tag("corpus")
class DeficiencyParsingCorpusTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dev-federal,docx", "dev-federal,pdf", "dev-california,docx", "dev-california,pdf"})
    void everyRequestSubPartAndPostureAsTheGoldHasThem(String scenario, String format) throws Exception {
        Path dir = ImportCorpusTest.corpus("deficiency/" + scenario);
        JsonNode gold = Json.MAPPER.readTree(dir.resolve("gold.json").toFile());
        ParsedRequests rfp = DiscoveryParser.requests(FileText.read(dir.resolve("rfp." + format)));
        ParsedResponses resp = DiscoveryParser.responses(FileText.read(dir.resolve("responses." + format)));
        JsonNode g = gold.path("scenario");
        assertThat(rfp.caption().caseNumber()).isEqualTo(g.path("case_number").asText());
        assertThat(rfp.caption().parties()).containsExactly(g.path("plaintiff").asText(), g.path("defendant").asText());
        assertThat(rfp.caption().style()).isEqualTo(g.path("style").asText());
        assertThat(rfp.caption().setNumber()).isEqualTo(1);
        assertThat(rfp.definitions()).containsKeys("YOU", "PLAINTIFF", "AGREEMENT", "DOCUMENT", "EXECUTED");
        assertThat(rfp.relevantPeriod()).isEqualTo("unlimited");
        assertThat(resp.verified()).isEqualTo("california".equals(g.path("style").asText()));
        assertThat(rfp.requests()).hasSize(gold.path("requests").size());
        assertThat(resp.responses()).hasSize(gold.path("requests").size());
        for (int i = 0; i < gold.path("requests").size(); i++) {
            JsonNode gr = gold.path("requests").get(i);
            ParsedRequests.Request q = rfp.requests().get(i);
            ParsedResponses.Response r = resp.responses().get(i);
            assertThat(q.number()).isEqualTo(gr.path("number").asText());
            assertThat(q.text()).isEqualTo(gr.path("text").asText());
            assertThat(q.subParts()).hasSize(gr.path("sub_parts").size());
            for (int k = 0; k < q.subParts().size(); k++) {
                assertThat(q.subParts().get(k).text()).isEqualTo(gr.path("sub_parts").get(k).path("text").asText());
            }
            assertThat(r.number()).isEqualTo(q.number());
            assertThat(r.posture().wire()).as("posture of No. %s", q.number()).isEqualTo(gr.path("response_posture").asText());
            assertThat(r.text().replaceAll("\\s+", " ")).isEqualTo(gr.path("response_text").asText().replaceAll("\\s+", " "));
        }
    }
}
