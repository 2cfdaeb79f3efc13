package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects embedded in DOCX, XLSX and PPTX come out as children, as Office stores them: a package part
 * (an .xlsx), an OLE 1.0 Package object wrapping any file, an Acrobat object holding a PDF in CONTENTS,
 * and a binary Word document as an OLE object.
 */
class EmbeddedObjectsTest {
    static final String OLE = "application/vnd.openxmlformats-officedocument.oleObject";

    @TempDir
    Path dir;

    static byte[] xlsx(String cell) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Damages").createRow(0).createCell(0).setCellValue(cell);
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** An OLE 1.0 "Package" object: what Office makes of a file dropped into a document. */
    static byte[] packageObject(String fileName, byte[] data) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Ole10Native n = new Ole10Native(fileName, fileName, "C:\\Temp\\" + fileName, data);
            ByteArrayOutputStream native10 = new ByteArrayOutputStream();
            n.writeOut(native10);
            fs.createDocument(new ByteArrayInputStream(native10.toByteArray()), Ole10Native.OLE10_NATIVE);
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static byte[] acrobatObject(byte[] pdf) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new ByteArrayInputStream(pdf), "CONTENTS");
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    static void embed(Path ooxml, String partName, String contentType, byte[] bytes) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(ooxml.toFile())) {
            PackagePart part = pkg.createPart(PackagingURIHelper.createPartName(partName), contentType);
            try (OutputStream out = part.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    @Test
    void aDocxGivesItsEmbeddedWorkbookPackagedFileAndPdfAsChildren() throws Exception {
        Path f = dir.resolve("memo.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(f)) {
            doc.createParagraph().createRun().setText("See the damages model embedded below.");
            doc.write(out);
        }
        embed(f, "/word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx("Lost profits 2.1M"));
        embed(f, "/word/embeddings/oleObject1.bin", OLE,
                packageObject("timeline.txt", "March 3: hold notice sent.".getBytes(StandardCharsets.UTF_8)));
        byte[] pdf;
        try (org.apache.pdfbox.pdmodel.PDDocument d = new org.apache.pdfbox.pdmodel.PDDocument()) {
            PdfFixtures.textPage(d, "Exhibit A to the memo");
            pdf = Files.readAllBytes(PdfFixtures.save(d, dir.resolve("exhibit.pdf")));
        }
        embed(f, "/word/embeddings/oleObject2.bin", OLE, acrobatObject(pdf));

        TestImports.Result r = TestImports.parse(new DocxImporter(), f);

        assertThat(r.document().status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(r.document().pages().get(0).text()).contains("damages model");
        assertThat(r.children()).extracting(TestImports.Child::fileName)
                .containsExactlyInAnyOrder("Microsoft_Excel_Worksheet.xlsx", "timeline.txt", "oleObject2.pdf");
        TestImports.Child txt = r.children().stream().filter(c -> c.fileName().equals("timeline.txt")).findFirst().orElseThrow();
        assertThat(new String(txt.content(), StandardCharsets.UTF_8)).isEqualTo("March 3: hold notice sent.");
        assertThat(txt.sourcePath()).isEqualTo(f + "!/timeline.txt");
        TestImports.Child p = r.children().stream().filter(c -> c.fileName().equals("oleObject2.pdf")).findFirst().orElseThrow();
        assertThat(p.content()).isEqualTo(pdf);
        // The embedded workbook is a workbook the import reads in turn.
        Path sheet = Files.write(dir.resolve("inner.xlsx"), r.children().stream()
                .filter(c -> c.fileName().endsWith(".xlsx")).findFirst().orElseThrow().content());
        assertThat(TestImports.parse(new XlsxImporter(), sheet).document().pages().get(0).text()).contains("Lost profits 2.1M");
    }

    @Test
    void theImportStoresEmbeddedObjectsAsChildDocuments() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path f = in.resolve("memo.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(f)) {
            doc.createParagraph().createRun().setText("Memo with an embedded timeline.");
            doc.write(out);
        }
        embed(f, "/word/embeddings/oleObject1.bin", OLE,
                packageObject("timeline.txt", "March 3: hold notice sent.".getBytes(StandardCharsets.UTF_8)));
        try (dev.quarry.core.Matter m = dev.quarry.core.Matter.create(dir.resolve("m"), "t", null, null)) {
            var svc = new dev.quarry.documents.ImportService(m, dev.quarry.documents.Importers.defaults(),
                    new dev.quarry.testing.WordTokenCounter(), 1);
            svc.run(svc.plan(java.util.List.of(in), null), p -> {}, new dev.quarry.core.jobs.CancelToken());
            var docs = new dev.quarry.documents.DocumentRepository(m.db()).listAll();
            var memo = docs.stream().filter(d -> d.fileName().equals("memo.docx")).findFirst().orElseThrow();
            var child = docs.stream().filter(d -> d.fileName().equals("timeline.txt")).findFirst().orElseThrow();
            assertThat(child.parentId()).isEqualTo(memo.id());
            assertThat(child.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(new dev.quarry.documents.DocumentRepository(m.db()).fullText(child.id())).contains("hold notice");
        }
    }

    @Test
    void anXlsxAndAPptxGiveTheirEmbeddedObjects() throws Exception {
        Path book = dir.resolve("model.xlsx");
        Files.write(book, xlsx("Totals"));
        embed(book, "/xl/embeddings/oleObject1.bin", OLE, packageObject("assumptions.csv", "rate,0.05\n".getBytes(StandardCharsets.UTF_8)));
        TestImports.Result x = TestImports.parse(new XlsxImporter(), book);
        assertThat(x.document().status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(x.children()).extracting(TestImports.Child::fileName).containsExactly("assumptions.csv");

        Path deck = dir.resolve("deck.pptx");
        try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(deck)) {
            show.createSlide();
            show.write(out);
        }
        byte[] inner;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Term sheet");
            doc.write(out);
            inner = out.toByteArray();
        }
        embed(deck, "/ppt/embeddings/Microsoft_Word_Document.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", inner);
        embed(deck, "/ppt/embeddings/oleObject1.bin", OLE, new byte[] {1, 2, 3}); // not OLE2: kept as it is
        TestImports.Result p = TestImports.parse(new PptxImporter(), deck);
        assertThat(p.document().status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(p.children()).extracting(TestImports.Child::fileName)
                .containsExactlyInAnyOrder("Microsoft_Word_Document.docx", "oleObject1.bin");
    }

    @Test
    void aBinaryOfficeObjectIsNamedForItsImporterAndADamagedOneStaysAChild() throws Exception {
        byte[] word;
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new ByteArrayInputStream(new byte[600]), "WordDocument");
            fs.writeFilesystem(out);
            word = out.toByteArray();
        }
        assertThat(EmbeddedObjects.unwrap("oleObject3.bin", word).name()).isEqualTo("oleObject3.doc");
        byte[] broken = java.util.Arrays.copyOf(word, 600);
        EmbeddedObjects.Unwrapped u = EmbeddedObjects.unwrap("oleObject4.bin", broken);
        assertThat(u.name()).isEqualTo("oleObject4.bin");
        assertThat(u.bytes()).isEqualTo(broken);
    }
}
