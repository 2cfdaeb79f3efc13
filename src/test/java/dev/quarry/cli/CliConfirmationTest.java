package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that change something say what they did: in a sentence, or in a field of their JSON. */
class CliConfirmationTest {
    @TempDir Path tmp;
    Path dir;
    long question;

    @BeforeEach
    void matterWithOneDoubtfulAnswer() throws Exception {
        dir = tmp.resolve("m");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("agreement.txt"), "The monthly service fee is $12,500, payable within thirty days.");
        assertThat(CliTest.quarry("matter", "create", dir.toString()).code()).isZero();
        assertThat(CliTest.quarry("import", dir.toString(), in.toString(), "--quiet").code()).isZero();
        assertThat(CliTest.quarry("matter", "set", dir.toString(), "qa.review_threshold", "0.99").code()).isZero();
        CliTest.Run ask = CliTest.quarry("ask", dir.toString(), "What is the monthly service fee?", "--offline", "--json");
        assertThat(ask.code()).as(ask.err()).isZero();
        question = Json.MAPPER.readTree(ask.out()).path("query_id").asLong();
    }

    @Test
    void reviewResolveSaysWhatItRecorded() throws Exception {
        CliTest.Run r = CliTest.quarry("review", dir.toString(), "--resolve", String.valueOf(question), "--answer", "$12,500 a month",
                "--reviewer", "jd", "--notes", "from the agreement");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElse("")).isEqualTo("Resolved the review of question " + question
                + " (reviewer jd): the right answer is \"$12,500 a month\"; notes: \"from the agreement\".");
        assertThat(r.out()).contains("Nothing is waiting for review.");

        CliTest.Run req = CliTest.quarry("review", dir.toString(), "--request", String.valueOf(question), "--json");
        JsonNode out = Json.MAPPER.readTree(req.out());
        assertThat(out.path("requested").asLong()).isEqualTo(question);
        CliTest.Run again = CliTest.quarry("review", dir.toString(), "--resolve", String.valueOf(question), "--answer", "$12,500",
                "--reviewer", "ab", "--json");
        JsonNode resolved = Json.MAPPER.readTree(again.out()).path("resolved");
        assertThat(resolved.path("query_id").asLong()).isEqualTo(question);
        assertThat(resolved.path("reviewer").asText()).isEqualTo("ab");
        assertThat(resolved.path("correct_answer").asText()).isEqualTo("$12,500");
    }

    @Test
    void historyFeedbackDeleteAndExportSayWhatTheyDid() throws Exception {
        CliTest.Run r = CliTest.quarry("history", dir.toString(), "--feedback", String.valueOf(question), "not_helpful",
                "--comment", "too vague");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElse("")).isEqualTo("Recorded that the answer to question " + question
                + " was not helpful, with the comment \"too vague\".");

        CliTest.Run j = CliTest.quarry("history", dir.toString(), "--feedback", String.valueOf(question), "helpful", "--json");
        JsonNode f = Json.MAPPER.readTree(j.out()).path("feedback");
        assertThat(f.path("query_id").asLong()).isEqualTo(question);
        assertThat(f.path("rating").asText()).isEqualTo("helpful");

        Path export = tmp.resolve("history.json");
        CliTest.Run e = CliTest.quarry("history", dir.toString(), "--export", export.toString());
        assertThat(e.out().lines().findFirst().orElse("")).isEqualTo("Wrote 1 question to " + export.toAbsolutePath() + ".");
        CliTest.Run d = CliTest.quarry("history", dir.toString(), "--delete", String.valueOf(question));
        assertThat(d.out().lines().findFirst().orElse("")).isEqualTo("Deleted question " + question + " and its answer from the history.");
    }
}
