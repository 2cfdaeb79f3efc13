package dev.quarry.qa;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Seed 003's answerability check adapted to a matter: which of the question's entities (names, quoted
 * phrases, numbers) and terms occur in the matter, how confident we are that it can be answered, and why not.
 */
public record QuestionAnalysis(
        @JsonProperty("entities") List<String> entities,
        @JsonProperty("terms") List<String> terms,
        @JsonProperty("found") List<String> found,
        @JsonProperty("not_found") List<String> notFound,
        @JsonProperty("coverage") double coverage,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("intent") String intent,
        @JsonProperty("can_answer") boolean canAnswer,
        @JsonProperty("reason") String reason) {

    public boolean partialMatch() {
        return !found.isEmpty() && !notFound.isEmpty();
    }
}
