package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.documents.ocr.PageImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR from the command line: import with OCR off, `import --retry`, `text`, and the OCR fields of `docs --json`. */
class OcrCliTest {
    @TempDir Path tmp;

    @Test
    void retryReadsScansImportedWithOcrOffAndTextPrintsThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        PageImages.writeTiff(in.resolve("memo.tif"), List.of(PageImages.page(List.of("The first page of the memo.")),
                PageImages.page(List.of("The second page of the memo."))), "LZW");
        Path m = tmp.resolve("m");
        assertThat(quarry("matter", "create", m.toString()).code()).isZero();
        assertThat(quarry("matter", "set", m.toString(), "ocr.enabled", "false").code()).isZero();
        CliTest.Run first = quarry("import", m.toString(), in.toString(), "--keyword-only", "--quiet");
        assertThat(first.code()).as("a document not read: exit 1").isEqualTo(1);
        assertThat(first.out()).contains("need").contains("OCR");
        JsonNode before = Json.MAPPER.readTree(quarry("docs", m.toString(), "--json").out()).get(0);
        assertThat(before.get("status").asText()).isEqualTo("needs_ocr");
        assertThat(before.get("ocr_attempted").asBoolean()).isFalse();
        assertThat(before.get("ocr_confidence").isNull()).isTrue();

        assertThat(quarry("matter", "set", m.toString(), "ocr.enabled", "true").code()).isZero();
        CliTest.Run retry = quarry("import", m.toString(), "--retry", "--keyword-only", "--json", "--quiet");
        assertThat(retry.code()).as(retry.err()).isZero();
        JsonNode job = Json.MAPPER.readTree(retry.out()).get("jobs").get(0);
        assertThat(job.get("ocr").get("pages_read").asInt()).isEqualTo(2);

        JsonNode after = Json.MAPPER.readTree(quarry("docs", m.toString(), "--json").out()).get(0);
        assertThat(after.get("status").asText()).isEqualTo("completed");
        assertThat(after.get("ocr_attempted").asBoolean()).isTrue();
        assertThat(after.get("ocr_confidence").asDouble()).isBetween(0.8, 1.0);
        assertThat(after.get("ocr_low_confidence_pages").asInt()).isZero();
        String id = after.get("id").asText();

        CliTest.Run text = quarry("text", m.toString(), id);
        assertThat(text.code()).isZero();
        assertThat(text.out()).isEqualTo("The first page of the memo.\fThe second page of the memo.\n");
        assertThat(quarry("text", m.toString(), id, "--page", "2").out()).isEqualTo("The second page of the memo.\n");
        CliTest.Run noPage = quarry("text", m.toString(), id, "--page", "3");
        assertThat(noPage.code()).isEqualTo(1);
        assertThat(noPage.err()).contains("has 2 pages; there is no page 3.");
        assertThat(quarry("text", m.toString(), "999").err()).contains("There is no document 999");
        assertThat(quarry("text", m.toString(), id, "--page", "0").code()).isEqualTo(2);
        // Pages read by OCR are keyword-searchable.
        CliTest.Run search = quarry("search", m.toString(), "second page memo", "--mode", "keyword", "--json");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(search.out()).contains("The second page of the memo.");
        // The settings are checked like the others.
        assertThat(quarry("matter", "set", m.toString(), "ocr.languages", "../eng").code()).isEqualTo(2);
        assertThat(quarry("matter", "set", m.toString(), "ocr.low_confidence", "2").code()).isEqualTo(2);
    }
}
