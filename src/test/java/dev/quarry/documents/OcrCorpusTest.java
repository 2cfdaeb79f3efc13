package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ocr.OcrBench;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The court scan (image-pdf.pdf: a Supreme Court slip opinion with no text layer) imported and read by OCR,
 * against the text layer of the same opinion (vector-pdf.pdf): word accuracy per page, boxes on the page.
 */
@Tag("corpus")
class OcrCorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("quarry.corpus", "../shared/corpus"));
    @TempDir Path tmp;

    @Test
    void theCourtScanReadsAsItsTextLayerSays() throws Exception {
        Path scan = CORPUS.resolve("court/image-pdf.pdf"), vector = CORPUS.resolve("court/vector-pdf.pdf");
        try (Matter m = Matter.create(tmp.resolve("matter"), "court", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
            ImportService.Report r = svc.run(svc.plan(List.of(scan, vector), null), p -> {}, new CancelToken());
            assertThat(r.summary().counts()).containsEntry("completed", 2L);
            DocumentRepository docs = new DocumentRepository(m.db());
            DocumentSummary ocrd = docs.listAll().stream().filter(d -> d.fileName().equals("image-pdf.pdf")).findFirst().orElseThrow();
            DocumentSummary text = docs.listAll().stream().filter(d -> d.fileName().equals("vector-pdf.pdf")).findFirst().orElseThrow();
            List<PageRecord> scanned = docs.pages(ocrd.id());
            List<PageRecord> layer = docs.pages(text.id());
            assertThat(scanned).hasSize(2);
            long errors = 0, words = 0;
            for (int i = 0; i < scanned.size(); i++) {
                List<String> ref = OcrBench.words(layer.get(i).text());
                int e = OcrBench.editDistance(OcrBench.words(scanned.get(i).text()), ref);
                assertThat(1 - (double) e / ref.size()).as("word accuracy of page %d", i + 1).isGreaterThanOrEqualTo(0.98);
                errors += e;
                words += ref.size();
            }
            assertThat(1 - (double) errors / words).isGreaterThanOrEqualTo(0.98);
            // A passage found in the OCR text has boxes on the page, inside the letter-size page in points.
            PageRecord p1 = scanned.get(0);
            int at = p1.text().indexOf("Red River Compact");
            assertThat(at).isNotNegative();
            List<PageLayout.Box> boxes = p1.layout().boxesFor(at, at + "Red River Compact".length());
            assertThat(boxes).hasSize(3).allMatch(b -> b.x() > 36 && b.x() + b.w() < 612 && b.y() > 36 && b.y() < 760);
            Map<Long, OcrStore.DocumentOcr> facts = new OcrStore(m.db()).byDocument();
            assertThat(facts.get(ocrd.id()).meanConfidence()).isGreaterThan(0.9);
            assertThat(facts.get(ocrd.id()).lowConfidencePages()).isZero();
            // Keyword search sees the OCR text as chunks.
            assertThat(docs.chunks(ocrd.id())).anyMatch(c -> c.text().contains("Red River Compact"));
        }
    }
}
