package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageRecord;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of good and bad PDFs through the real import service: every file ends with its status. */
class PdfImportServiceTest {
    @TempDir Path tmp;

    @Test
    void aFolderOfMixedPdfsEndsWithOneStatusEach() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("production"));
        PDDocument text = new PDDocument();
        PDPage page = PdfFixtures.textPage(text, "The parties agree to the terms below.", "Payment is due in thirty days.");
        PdfFixtures.drawWords(text, page, PdfFixtures.HELVETICA, 9, List.of(new PdfFixtures.Placed("ACME0000101", 480, 770)));
        PdfFixtures.save(text, in.resolve("contract.pdf"));
        PDDocument scan = new PDDocument();
        PdfFixtures.imagePage(scan);
        PdfFixtures.save(scan, in.resolve("scan.pdf"));
        PDDocument locked = new PDDocument();
        PdfFixtures.textPage(locked, "Secret.");
        locked.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
        PdfFixtures.save(locked, in.resolve("locked.pdf"));
        Files.writeString(in.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog");

        try (Matter matter = Matter.create(tmp.resolve("matter"), "Test", null, "bge-small-en-v1.5-q")) {
            ImportService service = new ImportService(matter, Importers.defaults(), new WordTokenCounter(), 2);
            long job = service.plan(List.of(in), "Vol 1");
            service.run(job, p -> {}, new CancelToken());

            DocumentRepository docs = new DocumentRepository(matter.db());
            Map<String, DocumentSummary> byName = docs.listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, d -> d));
            assertThat(byName.get("contract.pdf").status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(byName.get("contract.pdf").batesBegin()).isEqualTo("ACME0000101");
            assertThat(byName.get("contract.pdf").chunks()).isPositive();
            // The scan has no text layer; the import's OCR step reads the words drawn on its image.
            assertThat(byName.get("scan.pdf").status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(byName.get("scan.pdf").ocrNeeded()).isTrue();
            assertThat(docs.fullText(byName.get("scan.pdf").id())).contains("Scanned words");
            assertThat(byName.get("locked.pdf").status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
            assertThat(byName.get("broken.pdf").status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(byName.get("broken.pdf").error()).isNotBlank();

            PageRecord stored = docs.page(byName.get("contract.pdf").id(), 1).orElseThrow();
            assertThat(stored.layout()).isNotNull();
            assertThat(stored.layout().boxes()).allSatisfy(b ->
                    assertThat(stored.text().substring(b.start(), b.end())).doesNotContainAnyWhitespaces().isNotEmpty());
        }
    }
}
