package dev.quarry.documents.importers;

import static dev.quarry.documents.importers.PdfFixtures.Placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobCancelledException;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.Importers;
import dev.quarry.documents.PageLayout;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfImporterTest {
    private final PdfImporter importer = new PdfImporter();
    @TempDir Path dir;

    private ParsedDocument parse(Path file) throws IOException {
        return TestImports.parse(importer, file).document();
    }

    @Test
    void extractsTextPerPageWithPositionsAndInfo() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "This Agreement is made between Alpha Corp and Beta LLC.", "Section 2. Term of the agreement.");
        PdfFixtures.textPage(doc, "Second page text.");
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("Supply Agreement");
        info.setAuthor("J. Counsel");
        info.setCreationDate(PdfFixtures.calendar(2019, 5, 14));
        info.setProducer("Test Producer");
        Path file = PdfFixtures.save(doc, dir.resolve("contract.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo("application/pdf");
        assertThat(d.pages()).extracting(ParsedPage::number).containsExactly(1, 2);
        assertThat(d.pages().get(0).text())
                .isEqualTo("This Agreement is made between Alpha Corp and Beta LLC.\nSection 2. Term of the agreement.");
        assertThat(d.pages().get(1).text()).isEqualTo("Second page text.");
        assertThat(d.title()).isEqualTo("Supply Agreement");
        assertThat(d.author()).isEqualTo("J. Counsel");
        assertThat(d.date()).isEqualTo(Instant.parse("2019-05-14T10:30:00Z"));
        assertThat(d.metadata()).containsEntry("pdf.producer", "Test Producer");
        PageLayout layout = d.pages().get(0).layout();
        assertThat(layout.width()).isEqualTo(612f);
        assertThat(layout.height()).isEqualTo(792f);
        assertThat(d.pages()).allSatisfy(p -> assertThat(p.imageOnly()).isFalse());
    }

    @Test
    void everyWordBoxCoversExactlyTheWordDrawnThere() throws IOException {
        // Words drawn one by one: the spaces between them are inserted by the text stripper and have no glyph.
        List<Placed> drawn = List.of(
                new Placed("Indemnification", 72, 100), new Placed("shall", 160, 100), new Placed("survive", 195, 100),
                new Placed("termination.", 245, 100),
                new Placed("Notice:", 72, 130), new Placed("(a)", 120, 130), new Placed("written;", 145, 130),
                new Placed("$1,250,000.00", 300, 130),
                new Placed("right-aligned", 450, 700));
        PDDocument doc = new PDDocument();
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        PdfFixtures.drawWords(doc, page, PdfFixtures.TIMES, 10, drawn);
        // A second page with real space glyphs, several fonts and a rotated page.
        PdfFixtures.textPage(doc, "alpha beta  gamma", "delta-epsilon zeta.");
        PDPage rotated = new PDPage(PDRectangle.LETTER);
        rotated.setRotation(90);
        doc.addPage(rotated);
        PdfFixtures.drawWords(doc, rotated, PdfFixtures.COURIER, 12, List.of(new Placed("sideways", 100, 200), new Placed("text", 200, 200)));
        Path file = PdfFixtures.save(doc, dir.resolve("words.pdf"));

        ParsedDocument d = parse(file);

        ParsedPage p1 = d.pages().get(0);
        Map<String, Placed> expected = PdfFixtures.byWord(drawn.toArray(Placed[]::new));
        List<String> seen = new ArrayList<>();
        for (PageLayout.Box b : p1.layout().boxes()) {
            String word = p1.text().substring(b.start(), b.end());
            seen.add(word);
            Placed at = expected.get(word);
            assertThat(at).as("box text '%s' is a drawn word", word).isNotNull();
            assertThat(b.x()).as(word).isCloseTo(at.x(), within(0.5f));
            assertThat(b.y() + b.h()).as(word + " baseline").isCloseTo(at.yFromTop(), within(0.5f));
            assertThat(b.w()).isPositive();
            assertThat(b.h()).isPositive();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());

        ParsedPage p2 = d.pages().get(1);
        List<String> words2 = p2.layout().boxes().stream().map(b -> p2.text().substring(b.start(), b.end())).toList();
        assertThat(words2).containsExactly("alpha", "beta", "gamma", "delta-epsilon", "zeta.");

        ParsedPage p3 = d.pages().get(2);
        assertThat(p3.layout().width()).isEqualTo(792f);
        assertThat(p3.layout().height()).isEqualTo(612f);
        for (PageLayout.Box b : p3.layout().boxes()) {
            assertThat(List.of("sideways", "text")).contains(p3.text().substring(b.start(), b.end()));
            assertThat(b.x()).isBetween(0f, 792f);
            assertThat(b.y()).isBetween(0f, 612f);
        }
        // Boxes are stored; they must survive the compact encoding.
        assertThat(PageLayout.decode(p1.layout().encode()).boxes()).hasSameSizeAs(p1.layout().boxes());
    }

    @Test
    void imageOnlyDocumentNeedsOcr() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.imagePage(doc);
        PdfFixtures.imagePage(doc);
        Path file = PdfFixtures.save(doc, dir.resolve("scan.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.NEEDS_OCR);
        assertThat(d.reason()).isEqualTo("The PDF has no text layer (scanned images); it needs OCR.");
        assertThat(d.pages()).hasSize(2).allSatisfy(p -> {
            assertThat(p.imageOnly()).isTrue();
            assertThat(p.text()).isBlank();
        });
    }

    @Test
    void mixedDocumentCompletesWithScannedPagesFlagged() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "A typed cover letter.");
        PdfFixtures.imagePage(doc);
        Path file = PdfFixtures.save(doc, dir.resolve("mixed.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages()).extracting(ParsedPage::imageOnly).containsExactly(false, true);
    }

    @Test
    void blankDocumentFailsWithAReason() throws IOException {
        PDDocument doc = new PDDocument();
        doc.addPage(new PDPage());
        Path file = PdfFixtures.save(doc, dir.resolve("blank.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.reason()).contains("no text and no images");
    }

    @Test
    void userPasswordIsRequired() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "Privileged and confidential.");
        doc.protect(policy("owner-secret", "user-secret"));
        Path file = PdfFixtures.save(doc, dir.resolve("locked.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
        assertThat(d.reason()).contains("password");
        assertThat(d.pages()).isEmpty();
    }

    @Test
    void ownerPasswordOnlyImportsNormally() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "Readable by anyone, printing restricted.");
        doc.protect(policy("owner-secret", ""));
        Path file = PdfFixtures.save(doc, dir.resolve("owner-only.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).isEqualTo("Readable by anyone, printing restricted.");
        assertThat(d.metadata()).containsEntry("pdf.encrypted", "true");
    }

    private static StandardProtectionPolicy policy(String owner, String user) {
        AccessPermission perms = new AccessPermission();
        perms.setCanExtractContent(false);
        perms.setCanPrint(false);
        StandardProtectionPolicy p = new StandardProtectionPolicy(owner, user, perms);
        p.setEncryptionKeyLength(128);
        return p;
    }

    @Test
    void truncatedFileFailsWithAPlainReason() throws IOException {
        PDDocument doc = new PDDocument();
        for (int i = 0; i < 5; i++) PdfFixtures.textPage(doc, "Page " + (i + 1) + " of a long exhibit.");
        Path whole = PdfFixtures.save(doc, dir.resolve("whole.pdf"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.pdf"), java.util.Arrays.copyOf(bytes, 300));

        ParsedDocument d = parse(cut);

        assertThat(d.status()).isIn(DocumentStatus.FAILED, DocumentStatus.COMPLETED);
        if (d.status() == DocumentStatus.FAILED) assertThat(d.reason()).doesNotContain("Exception").endsWith(".");
    }

    @Test
    void brokenCrossReferenceTableIsRepaired() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "Recovered by the lenient parser.");
        Path whole = PdfFixtures.save(doc, dir.resolve("whole.pdf"));
        String s = new String(Files.readAllBytes(whole), StandardCharsets.ISO_8859_1);
        // Point startxref at nonsense and damage the table itself.
        s = s.replaceAll("startxref\\s+\\d+", "startxref\n999999").replace("0000000000 65535 f", "garbage garbage gg");
        Path broken = Files.write(dir.resolve("broken.pdf"), s.getBytes(StandardCharsets.ISO_8859_1));

        ParsedDocument d = parse(broken);

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).contains("Recovered by the lenient parser.");
    }

    @Test
    void garbageNamedPdfFails() throws IOException {
        Path junk = Files.write(dir.resolve("junk.pdf"), "this is not a pdf at all, just words\n".repeat(20).getBytes(StandardCharsets.US_ASCII));

        ParsedDocument d = parse(junk);

        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.reason()).isEqualTo("The file is not a PDF (it has no PDF header) and could not be read.");
    }

    @Test
    void emptyFilesFail() throws IOException {
        Path zero = Files.write(dir.resolve("zero.pdf"), new byte[0]);
        assertThat(parse(zero).status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(parse(zero).reason()).isEqualTo("The PDF is empty (0 bytes).");

        PDDocument doc = new PDDocument();
        Path noPages = PdfFixtures.save(doc, dir.resolve("nopages.pdf"));
        ParsedDocument d = parse(noPages);
        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.reason()).isEqualTo("The PDF has no pages.");
    }

    @Test
    void acceptsByHeaderEvenAfterJunkAndByExtension() throws IOException {
        PDDocument doc = new PDDocument();
        PdfFixtures.textPage(doc, "Header after junk.");
        Path real = PdfFixtures.save(doc, dir.resolve("real.pdf"));
        byte[] junk = "GARBAGE FROM A MAIL GATEWAY\r\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[junk.length + (int) Files.size(real)];
        System.arraycopy(junk, 0, all, 0, junk.length);
        System.arraycopy(Files.readAllBytes(real), 0, all, junk.length, all.length - junk.length);
        Path odd = Files.write(dir.resolve("attachment.bin"), all);

        Source src = new Source(odd, "attachment.bin", odd.toString(), all.length, Map.of());
        assertThat(importer.accepts(src, java.util.Arrays.copyOf(all, Math.min(all.length, 8192)))).isTrue();
        assertThat(importer.accepts(new Source(odd, "X.PDF", "X.PDF", 1, Map.of()), new byte[0])).isTrue();
        assertThat(importer.accepts(new Source(odd, "notes.txt", "notes.txt", 1, Map.of()), "plain text".getBytes())).isFalse();
        assertThat(Importers.defaults().find(src)).get().isInstanceOf(PdfImporter.class);
        assertThat(Importers.defaults().all().get(0)).isInstanceOf(PdfImporter.class);

        ParsedDocument d = parse(odd);
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).isEqualTo("Header after junk.");
    }

    @Test
    void batesStampInTheBottomMarginIsFound() throws IOException {
        PDDocument doc = new PDDocument();
        for (int i = 0; i < 3; i++) {
            PDPage page = PdfFixtures.textPage(doc, "Body of produced page " + (i + 1) + ".", "Dated: March 3, 2021");
            PdfFixtures.drawWords(doc, page, PdfFixtures.HELVETICA, 9,
                    List.of(new Placed("CONFIDENTIAL", 72, 770), new Placed(String.format("ACME-%07d", 1230 + i), 480, 770)));
        }
        Path file = PdfFixtures.save(doc, dir.resolve("stamped.pdf"));

        ParsedDocument d = parse(file);

        assertThat(d.pages()).extracting(ParsedPage::bates).containsExactly("ACME-0001230", "ACME-0001231", "ACME-0001232");
    }

    @Test
    void cancellationStopsBetweenPages() throws IOException {
        PDDocument doc = new PDDocument();
        for (int i = 0; i < 3; i++) PdfFixtures.textPage(doc, "Page " + i);
        Path file = PdfFixtures.save(doc, dir.resolve("long.pdf"));
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        ImportContext ctx = new ImportContext(new TestImports.CollectingSink(), cancel, 1L << 30, 4L << 30, 0);

        assertThatThrownBy(() -> importer.parse(new Source(file, "long.pdf", file.toString(), Files.size(file), Map.of()), ctx))
                .isInstanceOf(JobCancelledException.class);
    }
}
