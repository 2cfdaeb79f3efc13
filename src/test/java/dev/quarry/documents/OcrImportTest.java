package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.ocr.PageImages;
import dev.quarry.testing.WordTokenCounter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans, image files and a production's page images imported and read by OCR inside the import job. */
class OcrImportTest {
    @TempDir Path tmp;

    static BufferedImage page(String... lines) {
        return PageImages.page(List.of(lines));
    }

    private static ImportService service(Matter m) {
        return new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
    }

    private static DocumentSummary byName(Matter m, String name) {
        return new DocumentRepository(m.db()).listAll().stream().filter(d -> d.fileName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void imageFilesAndScannedPdfsBecomeTextWithBoxesAndConfidence() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        javax.imageio.ImageIO.write(page("The lease ends on the last day of March."), "png", in.resolve("lease.png").toFile());
        javax.imageio.ImageIO.write(PageImages.page(List.of("Invoice number forty two is overdue."), 0.5, BufferedImage.TYPE_INT_RGB),
                "jpeg", in.resolve("invoice.jpg").toFile());
        PageImages.writeTiff(in.resolve("exhibit.tif"), List.of(page("Exhibit A first page about pipelines."),
                page("Exhibit A second page about turbines."), page("Exhibit A third page about valves.")), "LZW");
        PageImages.writeTiff(in.resolve("fax.tif"), List.of(page("Facsimile cover sheet for the board.")), "CCITT T.6");
        PageImages.writeImagePdf(in.resolve("scan.pdf"), List.of(page("The scanned order was signed in Houston."),
                page("The second scanned page names the arbitrator.")));
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            List<JobProgress> progress = new CopyOnWriteArrayList<>();
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(in), null), progress::add, new CancelToken());
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.summary().counts()).containsEntry("completed", 5L);
            assertThat(r.ocr().pagesRead()).isEqualTo(8);
            assertThat(r.ocr().pagesFailed()).isZero();
            // Progress in pages, with a rate once pages are read.
            List<JobProgress> ocr = progress.stream().filter(p -> "ocr".equals(p.phase())).toList();
            assertThat(ocr).isNotEmpty();
            assertThat(ocr.get(ocr.size() - 1).itemsDone()).isEqualTo(8);
            assertThat(ocr.get(ocr.size() - 1).itemsTotal()).isEqualTo(8);
            assertThat(ocr.get(ocr.size() - 1).pagesPerSecond()).isPositive();

            DocumentRepository docs = new DocumentRepository(m.db());
            OcrStore store = new OcrStore(m.db());
            Map<Long, OcrStore.DocumentOcr> facts = store.byDocument();
            DocumentSummary tif = byName(m, "exhibit.tif");
            assertThat(tif.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(tif.mediaType()).isEqualTo("image/tiff");
            assertThat(tif.pages()).isEqualTo(3);
            String full = docs.fullText(tif.id());
            assertThat(full.split("\f")).hasSize(3);
            assertThat(full).contains("second page about turbines").contains("third page about valves");
            assertThat(facts.get(tif.id()).attempted()).isTrue();
            assertThat(facts.get(tif.id()).meanConfidence()).isBetween(0.8, 1.0);
            // Each page: its text with word boxes in page units, and chunks whose offsets fit the full text.
            for (PageRecord p : docs.pages(tif.id())) {
                assertThat(p.layout()).isNotNull();
                int at = p.text().indexOf("page");
                assertThat(p.layout().boxesFor(at, at + 4)).hasSize(1);
                assertThat(p.layout().width()).isEqualTo(1275 * 72f / 300);
            }
            for (ChunkRecord c : docs.chunks(tif.id())) {
                assertThat(full.substring((int) c.docStartChar(), (int) c.docEndChar())).isEqualTo(c.text());
            }
            assertThat(docs.chunks(tif.id()).stream().map(ChunkRecord::pageNumber).toList()).isSorted();

            assertThat(docs.fullText(byName(m, "fax.tif").id())).contains("Facsimile cover sheet");
            assertThat(docs.fullText(byName(m, "lease.png").id())).contains("last day of March");
            assertThat(docs.fullText(byName(m, "invoice.jpg").id())).contains("forty two is overdue");
            DocumentSummary pdf = byName(m, "scan.pdf");
            assertThat(pdf.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(docs.pages(pdf.id()).get(1).text()).contains("names the arbitrator");
            // A PDF page is measured in points: boxes fall inside the letter page.
            PageLayout l = docs.pages(pdf.id()).get(0).layout();
            assertThat(l.width()).isCloseTo(612f, org.assertj.core.data.Offset.offset(1f));
            assertThat(l.boxes()).allMatch(b -> b.x() >= 0 && b.x() + b.w() <= 612 && b.y() + b.h() <= 792);
            assertThat(store.pages(pdf.id())).allMatch(p -> "done".equals(p.state()) && p.confidence() > 0.8 && !p.lowConfidence());
        }
    }

    @Test
    void aScanStampedWithOnlyABatesNumberIsReadWholeByOcrAndKeepsItsNumber() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        Path pdf = in.resolve("stamped.pdf");
        PageImages.writeImagePdf(pdf, List.of(page("The board met on the ninth of June.")));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            org.apache.pdfbox.pdmodel.PDPage p = doc.getPage(0);
            try (org.apache.pdfbox.pdmodel.PDPageContentStream cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, p,
                    org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode.APPEND, true)) {
                cs.beginText();
                cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(480, 30);
                cs.showText("ACME0000123");
                cs.endText();
            }
            doc.save(pdf.toFile());
        }
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            DocumentSummary d = byName(m, "stamped.pdf");
            assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
            PageRecord p = new DocumentRepository(m.db()).pages(d.id()).get(0);
            assertThat(p.text()).contains("ninth of June").contains("ACME0000123");
            assertThat(p.bates()).isEqualTo("ACME0000123");
            assertThat(d.batesBegin()).isEqualTo("ACME0000123");
            // One reading of the page: the stamp's text layer was never chunked, OCR's text is.
            List<ChunkRecord> chunks = new DocumentRepository(m.db()).chunks(d.id());
            assertThat(chunks).hasSize(1);
            assertThat(chunks.get(0).text()).contains("ninth of June");
        }
    }

    @Test
    void aProductionsPageImagesBecomeItsDocumentsPagesWithTheirOwnBates() throws Exception {
        Path vol = Files.createDirectories(tmp.resolve("VOL001"));
        Path data = Files.createDirectories(vol.resolve("DATA"));
        Path images = Files.createDirectories(vol.resolve("IMAGES/001"));
        PageImages.writeTiff(images.resolve("ABC0001.tif"), List.of(page("Memorandum to the pricing committee.")), "CCITT T.6");
        PageImages.writeTiff(images.resolve("ABC0002.tif"), List.of(page("The committee approved the increase.")), "CCITT T.6");
        // The second document is one multi-page TIFF that the OPT lists once, its second line naming no image.
        PageImages.writeTiff(images.resolve("ABC0003.tif"), List.of(page("Letter from the regulator in May."),
                page("The regulator asks for the rate filings.")), "LZW");
        char q = '\u00FE', d = '\u0014';
        String dat = q + "BEGBATES" + q + d + q + "ENDBATES" + q + d + q + "CUSTODIAN" + q + "\r\n"
                + q + "ABC0001" + q + d + q + "ABC0002" + q + d + q + "Jones" + q + "\r\n"
                + q + "ABC0003" + q + d + q + "ABC0004" + q + d + q + "Smith" + q + "\r\n";
        Files.writeString(data.resolve("VOL001.dat"), dat, StandardCharsets.UTF_8);
        Files.writeString(data.resolve("VOL001.opt"), String.join("\r\n",
                "ABC0001,VOL001,IMAGES\\001\\ABC0001.tif,Y,,,2",
                "ABC0002,VOL001,IMAGES\\001\\ABC0002.tif,,,,",
                "ABC0003,VOL001,IMAGES\\001\\ABC0003.tif,Y,,,2",
                "ABC0004,VOL001,,,,,") + "\r\n");
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(vol), null), p -> {}, new CancelToken());
            assertThat(r.summary().counts()).containsEntry("completed", 2L).containsEntry("failed", 0L);
            DocumentRepository docs = new DocumentRepository(m.db());
            List<DocumentSummary> all = docs.listAll().stream().filter(x -> x.mediaType().equals(ImageSet.MEDIA_TYPE)).toList();
            assertThat(all).hasSize(2);
            DocumentSummary first = all.stream().filter(x -> "ABC0001".equals(x.batesBegin())).findFirst().orElseThrow();
            assertThat(first.batesEnd()).isEqualTo("ABC0002");
            assertThat(first.custodian()).isEqualTo("Jones");
            List<PageRecord> pages = docs.pages(first.id());
            assertThat(pages).extracting(PageRecord::bates).containsExactly("ABC0001", "ABC0002");
            assertThat(pages.get(0).text()).contains("pricing committee");
            assertThat(pages.get(1).text()).contains("approved the increase");
            assertThat(docs.findByBates("ABC0002")).singleElement().satisfies(b -> assertThat(b.page()).isEqualTo(2));
            DocumentSummary second = all.stream().filter(x -> "ABC0003".equals(x.batesBegin())).findFirst().orElseThrow();
            assertThat(docs.pages(second.id())).extracting(PageRecord::bates).containsExactly("ABC0003", "ABC0004");
            assertThat(docs.pages(second.id()).get(1).text()).contains("rate filings");
            // Page images are stored, not imported as documents of their own.
            assertThat(docs.listAll()).noneMatch(x -> x.fileName().endsWith(".tif"));
        }
    }

    @Test
    void ocrOffLeavesScansWaitingAndRetryReadsThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        javax.imageio.ImageIO.write(page("Retried pages are read once."), "png", in.resolve("later.png").toFile());
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            m.settings().put(Settings.OCR_ENABLED, "false");
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            assertThat(r.summary().counts()).containsEntry("needs_ocr", 1L);
            assertThat(r.ocr().pagesRead()).isZero();
            DocumentSummary d = byName(m, "later.png");
            assertThat(d.status()).isEqualTo(DocumentStatus.NEEDS_OCR);
            assertThat(new OcrStore(m.db()).byDocument().get(d.id()).attempted()).isFalse();

            m.settings().put(Settings.OCR_ENABLED, "true");
            long job = svc.planRetry();
            ImportService.Report again = svc.run(job, p -> {}, new CancelToken());
            assertThat(again.ocr().pagesRead()).isEqualTo(1);
            assertThat(byName(m, "later.png").status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(new DocumentRepository(m.db()).fullText(d.id())).isEqualTo("Retried pages are read once.");
            // Nothing is waiting any more: a second retry reads no page twice.
            ImportService.Report third = svc.run(svc.planRetry(), p -> {}, new CancelToken());
            assertThat(third.ocr().pagesRead()).isZero();
            assertThat(new DocumentRepository(m.db()).chunks(d.id())).hasSize(1);
        }
    }

    @Test
    void aPageOverTheTimeLimitFailsAndTheDocumentSaysWhy() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        List<BufferedImage> many = new ArrayList<>();
        for (int i = 0; i < 2; i++) many.add(PageImages.page(java.util.Collections.nCopies(30,
                "A dense line of words for a page that takes a while to read completely."), 1, BufferedImage.TYPE_BYTE_GRAY));
        PageImages.writeTiff(in.resolve("dense.tif"), many, "LZW");
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            // The smallest limit the setting takes is a second; Tesseract's deadline is checked between words.
            m.settings().put(Settings.OCR_PAGE_TIMEOUT_SECONDS, "1");
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            DocumentSummary d = byName(m, "dense.tif");
            List<OcrStore.PageOcr> pages = new OcrStore(m.db()).pages(d.id());
            // Under load a page may finish within the second; every page ends read or failed with why, none pending.
            assertThat(pages).allMatch(p -> p.state().equals("done") || (p.state().equals("failed") && p.error().contains("longer than 1 seconds")));
            if (r.ocr().pagesFailed() == 2) {
                assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
                assertThat(d.error()).contains("OCR could not read any of the 2 pages").contains("--retry");
            }
        }
    }

    @Test
    void aCancelledOcrLeavesItsPagesPendingAndResumes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 1; i <= 6; i++) pages.add(page("Page " + i + " of the cancelled exhibit."));
        PageImages.writeTiff(in.resolve("six.tif"), pages, "LZW");
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            long job = svc.plan(List.of(in), null);
            CancelToken cancel = new CancelToken();
            ImportService.Report r = svc.run(job, p -> {
                if ("ocr".equals(p.phase()) && p.itemsDone() >= 2) cancel.cancel();
            }, cancel);
            assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
            OcrStore store = new OcrStore(m.db());
            long pending = store.countPending();
            assertThat(pending).isBetween(1L, 4L);
            assertThat(byName(m, "six.tif").status()).isEqualTo(DocumentStatus.NEEDS_OCR);
            ImportService.Report resumed = svc.run(job, p -> {}, new CancelToken());
            assertThat(resumed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(resumed.ocr().pagesRead()).isEqualTo(pending);
            DocumentSummary d = byName(m, "six.tif");
            assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
            String full = new DocumentRepository(m.db()).fullText(d.id());
            for (int i = 1; i <= 6; i++) assertThat(full.split("\f")[i - 1]).isEqualTo("Page " + i + " of the cancelled exhibit.");
            List<ChunkRecord> chunks = new DocumentRepository(m.db()).chunks(d.id());
            assertThat(chunks).extracting(ChunkRecord::pageNumber).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(chunks).extracting(ChunkRecord::chunkIndex).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(chunks.stream().map(c -> full.substring((int) c.docStartChar(), (int) c.docEndChar())).collect(Collectors.toList()))
                    .isEqualTo(chunks.stream().map(ChunkRecord::text).toList());
        }
    }
}
