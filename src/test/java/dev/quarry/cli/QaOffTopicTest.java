package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-topic questions over matters of another subject, through the real import (parsed, keyword-indexed,
 * embedded with the real model) and the real hybrid retrieval: refused with seed 003's answer or flagged
 * with a confidence under the review threshold, while the matter's own questions are still answered.
 */
class QaOffTopicTest {
    @TempDir Path tmp;

    static final String PATENT_1 = """
            UNITED STATES PATENT 9,876,543. Rotary valve assembly for hydraulic presses.

            Abstract. A rotary valve assembly comprises a housing, a spool rotatable within the housing, and a seal ring
            seated in a groove of the spool. The seal ring reduces leakage of hydraulic fluid at pressures above 300 bar.

            Priority. This application claims priority to French patent application FR 2 345 678, filed in Paris, France,
            on March 3, 2019, by Hydromeca SA.

            Claim 1. A rotary valve assembly comprising a housing having an inlet port and an outlet port; a spool rotatable
            within the housing; and a seal ring of polytetrafluoroethylene seated in a circumferential groove of the spool.

            Claim 2. The assembly of claim 1, wherein the seal ring has a rectangular cross-section.
            """;
    static final String PATENT_2 = """
            UNITED STATES PATENT 10,111,222. Method of curing composite laminates.

            Background. Autoclave curing of carbon fibre laminates requires a large capital investment in pressure vessels and
            long cycle times. The method described here cures laminates out of the autoclave.

            Summary. A laminate of pre-impregnated carbon fibre plies is vacuum bagged and heated by induction coils embedded in
            the tool, reaching a cure temperature of 180 degrees Celsius within twelve minutes.

            Claim 1. A method of curing a composite laminate comprising stacking pre-impregnated plies on a tool, applying a
            vacuum bag, and heating the tool by embedded induction coils to a cure temperature.
            """;
    static final String PATENT_3 = """
            UNITED STATES PATENT 10,333,444. Battery cell with ceramic separator.

            Abstract. A lithium-ion battery cell has a cathode, an anode and a ceramic-coated separator between them. The
            ceramic coating of aluminium oxide keeps the separator from shrinking above 150 degrees Celsius.

            Claim 1. A battery cell comprising a cathode, an anode, and a separator coated with aluminium oxide particles of a
            mean diameter below two micrometres.
            """;
    static final String RECIPES = """
            Autumn menu, kitchen notes. The pumpkin soup is roasted for forty minutes before blending with cream and nutmeg.

            Sourdough. The starter is fed twice a day with rye flour. Loaves are proved overnight in the cold room and baked
            at 250 degrees for twenty minutes with steam, then ten more without.

            Desserts. The apple tart uses puff pastry, sliced apples and an apricot glaze. The chocolate mousse is set for six
            hours and served with whipped cream.
            """;

    Path matter(String name, Map<String, String> files) throws Exception {
        Path dir = tmp.resolve(name);
        Path in = Files.createDirectories(tmp.resolve(name + "-in"));
        for (var e : files.entrySet()) Files.writeString(in.resolve(e.getKey()), e.getValue());
        try (Matter m = Matter.create(dir, name, null, null)) {
            m.settings().put(Settings.CHUNK_MAX_TOKENS, "60");
            m.settings().put(Settings.CHUNK_OVERLAP_TOKENS, "5");
        }
        assertThat(QuarryCli.run("import", dir.toString(), in.toString(), "--quiet")).isZero();
        return dir;
    }

    @BeforeEach
    void noModel() {
        AskCommand.env = Map.of();
    }

    @AfterEach
    void restore() {
        AskCommand.env = System.getenv();
    }

    static JsonNode ask(Path dir, String question) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(QuarryCli.run("ask", dir.toString(), question, "--offline", "--json")).isZero();
        } finally {
            System.setOut(old);
        }
        return Json.MAPPER.readTree(buf.toString(StandardCharsets.UTF_8));
    }

    static void assertCaught(JsonNode r) {
        if (r.path("answer_type").asText().equals("insufficient_evidence")) {
            // Seed 003's answer: what the matter covers and three questions it can answer.
            assertThat(r.path("answer").asText()).contains("This matter holds");
            assertThat(r.path("suggestions")).hasSize(3);
        } else {
            assertThat(r.path("flagged_for_review").asBoolean()).as(r.toString()).isTrue();
            assertThat(r.path("confidence").asDouble()).as(r.toString()).isLessThan(dev.quarry.qa.QaService.DEFAULT_REVIEW_THRESHOLD);
        }
    }

    @Test
    void theCapitalOfFranceOverPatentsIsRefusedOrFlaggedThoughBothWordsOccur() throws Exception {
        Path dir = matter("patents", Map.of("us9876543.txt", PATENT_1, "us10111222.txt", PATENT_2, "us10333444.txt", PATENT_3));
        // "France" and "capital" are both in the matter, in different patents: the old check found every term.
        assertCaught(ask(dir, "What is the capital of France?"));
        assertCaught(ask(dir, "Who won the football World Cup in 2018?"));
        assertCaught(ask(dir, "What is the termination notice period under the agreement?"));
        // The patents' own questions are answered, not refused.
        JsonNode own = ask(dir, "What is the seal ring of the rotary valve made of?");
        assertThat(own.path("answer_type").asText()).as(own.toString()).isEqualTo("extractive");
        assertThat(own.path("citations").get(0).path("file_name").asText()).isEqualTo("us9876543.txt");
        assertThat(own.path("flagged_for_review").asBoolean()).as(own.toString()).isFalse();
    }

    @Test
    void aContractQuestionOverKitchenNotesIsRefusedOrFlagged() throws Exception {
        Path dir = matter("kitchen", Map.of("menu.txt", RECIPES));
        assertCaught(ask(dir, "What is the governing law of this agreement?"));
        assertCaught(ask(dir, "What is the capital of France?"));
        // Answered, not refused (in a three-chunk matter the estimate stays modest: it may still ask for a look).
        JsonNode own = ask(dir, "How long are the sourdough loaves baked?");
        assertThat(own.path("answer_type").asText()).as(own.toString()).isEqualTo("extractive");
        assertThat(own.path("answer").asText()).contains("baked at 250 degrees");
    }
}
