package dev.quarry.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import org.junit.jupiter.api.Test;

/** The grid bench's scoring rules and its stand-in model, without a matter. */
class GridBenchTest {
    GridBench.Variable var(String name) {
        return GridBench.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void labelsBecomeTheEnginesNormalisedValues() {
        assertThat(GridBench.gold(var("governing_law"), "Ontario, Canada")).isEqualTo("Ontario");
        assertThat(GridBench.gold(var("governing_law"), "")).isEmpty();
        assertThat(GridBench.gold(var("agreement_date"), "5/8/14")).isEqualTo("2014-05-08");
        assertThat(GridBench.gold(var("agreement_date"), "[]/[]/2019")).isEqualTo("2019");
        assertThat(GridBench.gold(var("non_compete"), "Yes")).isEqualTo("yes");
        assertThat(GridBench.gold(var("non_compete"), "No")).isEqualTo("no");
        assertThat(GridBench.gold(var("renewal_term"), "successive 1 year")).isEqualTo("yes");
        assertThat(GridBench.gold(var("renewal_term"), "")).isEqualTo("no");
        assertThat(GridBench.variables()).hasSize(10);
    }

    @Test
    void theStandInAnswersTheJsonAskedForQuotingThePassage() throws Exception {
        String prompt = "Value wanted: agreement_date (date)\n\nPassages:\n<source id=\"1\" page=\"1\">\nThis Agreement is dated as of "
                + "March 1, 2019 between A and B.\n</source>\n";
        JsonNode a = Json.MAPPER.readTree(GridBench.standIn(prompt));
        assertThat(a.path("value").asText()).isEqualTo("March 1, 2019");
        assertThat(a.path("source").asInt()).isEqualTo(1);
        JsonNode b = Json.MAPPER.readTree(GridBench.standIn(prompt.replace("(date)", "(boolean)")));
        assertThat(b.path("value").asText()).isEqualTo("yes");
        assertThat(prompt).contains(b.path("quote").asText());
        JsonNode none = Json.MAPPER.readTree(GridBench.standIn("Value wanted: x (text)\nno passages"));
        assertThat(none.path("value").isNull()).isTrue();
    }
}
