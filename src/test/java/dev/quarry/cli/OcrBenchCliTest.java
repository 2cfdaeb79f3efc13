package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench ocr`: folders of PDFs in path order, and bad options refused with one sentence and exit 2. */
class OcrBenchCliTest {
    @TempDir Path tmp;

    @Test
    void aFolderBecomesItsPdfsAtAnyDepthInPathOrder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pdf"));
        Files.createDirectories(dir.resolve("B"));
        Files.createDirectories(dir.resolve("A"));
        for (String f : List.of("B/two.pdf", "A/z.PDF", "A/a.pdf", "A/notes.txt")) Files.writeString(dir.resolve(f), "x");
        Path single = Files.writeString(tmp.resolve("single.pdf"), "x");
        assertThat(BenchCommand.Ocr.pdfFiles(List.of(single, dir)))
                .containsExactly(single, dir.resolve("A/a.pdf"), dir.resolve("A/z.PDF"), dir.resolve("B/two.pdf"));
    }

    @Test
    void badOptionsAreOneSentenceAndExitTwo() throws Exception {
        Path pdf = Files.writeString(tmp.resolve("a.pdf"), "x");
        for (String[] args : List.of(
                new String[] {"bench", "ocr", pdf.toString(), "--reference", pdf.toString(), "--own-text-layer"},
                new String[] {"bench", "ocr", pdf.toString(), "--dpi", "10"},
                new String[] {"bench", "ocr", pdf.toString(), "--page", "0"},
                new String[] {"bench", "ocr", pdf.toString(), "--max-files", "0"},
                new String[] {"bench", "ocr", Files.createDirectories(tmp.resolve("empty")).toString()})) {
            CliTest.Run r = quarry(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).startsWith("quarry: ").endsWith(".").doesNotContain("Exception");
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
    }
}
