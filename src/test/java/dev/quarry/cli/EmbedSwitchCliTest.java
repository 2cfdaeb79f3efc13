package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code quarry embed --model X} stopped with Ctrl-C part-way (a real child process) leaves
 * the matter on its complete model; {@code matter info} and {@code search} say a re-embed is pending
 * and how far it got; {@code quarry embed DIR} resumes it and switches.
 */
class EmbedSwitchCliTest {
    static final String FROM = "bge-small-en-v1.5-q", TO = "all-minilm-l6-v2";
    static final int FILES = 120;

    @TempDir Path tmp;

    @Test
    void anInterruptedSwitchKeepsTheOldModelSaysSoAndResumes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(in.resolve("n" + i + ".txt"), "Notice " + i + ": the tenant shall pay rent of " + (100 + i)
                    + " dollars on the first day of each month.\n");
        }
        Path dir = tmp.resolve("m");
        assertThat(CliTest.quarry("matter", "create", dir.toString()).code()).isZero();
        assertThat(CliTest.quarry("import", dir.toString(), in.toString(), "--keyword-only", "--quiet").code()).isZero();

        Path log = tmp.resolve("embed.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"), "-Dquarry.home=" + tmp.resolve("home"),
                "dev.quarry.Main", "embed", dir.toString(), "--model", TO))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Wait until the new model's embed job (job 3: after the import and the old model's catch-up) shows progress.
        long deadline = System.currentTimeMillis() + 240_000;
        while (child.isAlive() && !Files.readString(log).contains("[embed 3]") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(child.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor()).isZero();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(child.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("Cancelled: re-embed to " + TO + " pending: ").contains("To resume, run: quarry embed " + dir);

        JsonNode info = Json.MAPPER.readTree(CliTest.quarry("matter", "info", dir.toString(), "--json").out());
        assertThat(info.get("embedding").get("model").asText()).as("search keeps the complete model").isEqualTo(FROM);
        assertThat(info.get("settings").get("embedding.model").asText()).isEqualTo(FROM);
        JsonNode pending = info.get("embedding").get("re_embed_pending");
        assertThat(pending.get("model").asText()).isEqualTo(TO);
        assertThat(pending.get("chunks").asLong()).isEqualTo(FILES);
        long embedded = pending.get("embedded").asLong();
        assertThat(embedded).isBetween(1L, FILES - 1L);
        assertThat(CliTest.quarry("matter", "info", dir.toString()).out())
                .contains("Embedding model: " + FROM)
                .contains("re-embed to " + TO + " pending: " + embedded + " of " + FILES + " chunks");

        CliTest.Run search = CliTest.quarry("search", dir.toString(), "rent on the first day", "--mode", "dense", "--top", String.valueOf(FILES), "--json");
        assertThat(search.code()).isZero();
        JsonNode result = Json.MAPPER.readTree(search.out());
        assertThat(result.get("hits")).as("every chunk answers, with the complete model").hasSize(FILES);
        assertThat(result.get("re_embed_pending").get("model").asText()).isEqualTo(TO);
        assertThat(search.err()).contains("re-embed to " + TO + " pending: " + embedded + " of " + FILES + " chunks");

        // Resumed: the switch finishes and flips.
        CliTest.Run resumed = CliTest.quarry("embed", dir.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Switched to " + TO);
        JsonNode after = Json.MAPPER.readTree(CliTest.quarry("matter", "info", dir.toString(), "--json").out());
        assertThat(after.get("embedding").get("model").asText()).isEqualTo(TO);
        assertThat(after.get("embedding").get("re_embed_pending").isNull()).isTrue();
        JsonNode hitsAfter = Json.MAPPER.readTree(CliTest.quarry("search", dir.toString(), "rent", "--mode", "dense",
                "--top", "5", "--json").out());
        assertThat(hitsAfter.get("hits")).isNotEmpty();
        assertThat(hitsAfter.get("re_embed_pending").isNull()).isTrue();
    }
}
