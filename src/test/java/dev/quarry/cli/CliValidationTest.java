package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: one sentence on stderr, exit 2, and nothing changed. */
class CliValidationTest {
    @TempDir Path tmp;
    Path matter;

    @BeforeEach
    void create() {
        matter = tmp.resolve("m");
        assertThat(CliTest.quarry("matter", "create", matter.toString()).code()).isZero();
    }

    /** Exit 2, nothing on stdout, and exactly one line on stderr that is one sentence. */
    private static CliTest.Run refused(String... args) {
        CliTest.Run r = CliTest.quarry(args);
        String what = String.join(" ", args);
        assertThat(r.code()).as(what).isEqualTo(2);
        assertThat(r.out()).as(what).isEmpty();
        String err = r.err().strip();
        assertThat(err.lines().count()).as("one line from " + what + ": " + err).isEqualTo(1);
        assertThat(err).as(what).startsWith("quarry: ").endsWith(".");
        assertThat(err).as(what).doesNotContain("Usage:").doesNotContain("Exception");
        return r;
    }

    private String setting(String key) throws Exception {
        CliTest.Run info = CliTest.quarry("matter", "info", matter.toString(), "--json");
        assertThat(info.code()).isZero();
        JsonNode s = Json.MAPPER.readTree(info.out()).get("settings");
        return s.has(key) ? s.get(key).asText() : null;
    }

    private long settingChanges() throws Exception {
        CliTest.Run audit = CliTest.quarry("audit", matter.toString(), "--json", "--type", "settings.");
        assertThat(audit.code()).isZero();
        return Json.MAPPER.readTree(audit.out()).size();
    }

    @Test
    void aChunkSizeBeyondTheModelsInputIsRefused() throws Exception {
        CliTest.Run r = refused("matter", "set", matter.toString(), "chunk.max_tokens", "10000");
        assertThat(r.err()).contains("chunk.max_tokens").contains("510");
        refused("matter", "set", matter.toString(), "chunk.max_tokens", "511");
        refused("matter", "set", matter.toString(), "chunk.max_tokens", "15");
        assertThat(setting("chunk.max_tokens")).isEqualTo("256");
        assertThat(settingChanges()).isZero();
        // The largest size the model reads whole: its 512 tokens less [CLS] and [SEP].
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "chunk.max_tokens", "510").code()).isZero();
        assertThat(setting("chunk.max_tokens")).isEqualTo("510");
    }

    @Test
    void chunkSizeAndOverlapAreCheckedAgainstEachOther() throws Exception {
        // The default overlap is 48, and the chunker needs it below half the chunk: 97 is too small, 98 fits.
        CliTest.Run r = refused("matter", "set", matter.toString(), "chunk.max_tokens", "97");
        assertThat(r.err()).contains("chunk.overlap_tokens");
        refused("matter", "set", matter.toString(), "chunk.overlap_tokens", "128");
        refused("matter", "set", matter.toString(), "chunk.overlap_tokens", "-1");
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "chunk.max_tokens", "98").code()).isZero();
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "chunk.overlap_tokens", "0").code()).isZero();
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "chunk.max_tokens", "16").code()).isZero();
        assertThat(settingChanges()).isEqualTo(3);
    }

    @Test
    void everyNumericSettingHasBoundsItsReaderCanHold() throws Exception {
        // Each of these passed before and failed later, when an import or a question parsed the value as an int.
        refused("matter", "set", matter.toString(), "import.max_file_mb", "9999999999");
        refused("matter", "set", matter.toString(), "import.max_file_mb", "0");
        refused("matter", "set", matter.toString(), "import.timeout_seconds", "9999999999");
        refused("matter", "set", matter.toString(), "import.timeout_seconds", "86401");
        refused("matter", "set", matter.toString(), "llm.queries_per_hour", "9999999999");
        refused("matter", "set", matter.toString(), "llm.tokens_per_day", "-5");
        refused("matter", "set", matter.toString(), "qa.review_threshold", "1.5");
        refused("matter", "set", matter.toString(), "qa.review_threshold", "NaN");
        refused("matter", "set", matter.toString(), "llm.offline", "yes");
        refused("matter", "set", matter.toString(), "no.such_key", "1");
        assertThat(settingChanges()).isZero();
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "import.timeout_seconds", "86400").code()).isZero();
        assertThat(CliTest.quarry("matter", "set", matter.toString(), "llm.queries_per_hour", "0").code()).isZero();
    }

    @Test
    void aBadDateIsOneSentence() {
        CliTest.Run r = refused("search", matter.toString(), "rent", "--from", "2024-13-01");
        assertThat(r.err()).contains("--from").contains("2024-13-01").contains("YYYY-MM-DD");
        refused("search", matter.toString(), "rent", "--to", "yesterday");
        refused("search", matter.toString(), "rent", "--from", "31/12/2024");
    }

    @Test
    void otherBadArgumentsAreOneSentenceToo() {
        refused("history", matter.toString(), "--limit", "many");
        refused("docs", matter.toString(), "--no-such-option");
        refused("docs");
        refused("matter");
        refused("help", "nope");
    }
}
