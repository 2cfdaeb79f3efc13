package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocxImporterTest {
    @TempDir
    Path dir;

    private final DocxImporter importer = new DocxImporter();

    private static byte[] docx(boolean pageBreak) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle("Supply Agreement");
            doc.getProperties().getCoreProperties().setCreator("A. Drafter");
            doc.createHeader(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("CONFIDENTIAL");
            doc.createFooter(HeaderFooterType.DEFAULT).createParagraph().createRun().setText("Page footer");
            doc.createFootnotes();
            var note = doc.createFootnote();
            note.createParagraph().createRun().setText("See 28 U.S.C. 1332.");
            var recitals = doc.createParagraph();
            recitals.createRun().setText("Recitals come first.");
            recitals.addFootnoteReference(note);
            XWPFTable t = doc.createTable(2, 2);
            t.getRow(0).getCell(0).setText("Party");
            t.getRow(0).getCell(1).setText("Role");
            t.getRow(1).getCell(0).setText("Acme");
            t.getRow(1).getCell(1).setText("Seller");
            var p = doc.createParagraph();
            p.createRun().setText("Before the break.");
            if (pageBreak) p.createRun().addBreak(BreakType.PAGE);
            p.createRun().setText("After the break.");
            doc.createParagraph().createRun().setText("Signatures.");
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void readsParagraphsAndTablesInBodyOrderWithHeadersOnce() throws Exception {
        Path f = dir.resolve("agreement.docx");
        Files.write(f, docx(false));

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages()).hasSize(1);
        String text = d.pages().get(0).text();
        assertThat(text).containsSubsequence("CONFIDENTIAL", "Recitals come first. [1: See 28 U.S.C. 1332.]", "Party\tRole", "Acme\tSeller",
                "Before the break.After the break.", "Signatures.", "Page footer");
        assertThat(text.split("CONFIDENTIAL", -1)).hasSize(2);
        assertThat(text).doesNotContain("footnoteRef");
        assertThat(d.title()).isEqualTo("Supply Agreement");
        assertThat(d.author()).isEqualTo("A. Drafter");
    }

    @Test
    void splitsPagesAtExplicitPageBreaks() throws Exception {
        Path f = dir.resolve("broken.docx");
        Files.write(f, docx(true));

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.pages()).hasSize(2);
        assertThat(d.pages().get(0).text()).contains("Before the break.").doesNotContain("After the break.");
        assertThat(d.pages().get(1).number()).isEqualTo(2);
        assertThat(d.pages().get(1).text()).startsWith("After the break.").contains("Signatures.", "Page footer");
    }

    @Test
    void encryptedDocxNeedsAPassword() throws Exception {
        Path f = dir.resolve("secret.docx");
        OfficeFixtures.writeEncrypted(docx(false), f, "pass");

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.status()).isEqualTo(DocumentStatus.PASSWORD_REQUIRED);
        assertThat(d.reason()).isEqualTo("The file is password-protected.");
    }

    @Test
    void emptyAndTruncatedFilesFailWithAPlainReason() throws Exception {
        Path empty = dir.resolve("empty.docx");
        Files.write(empty, new byte[0]);
        Path cut = dir.resolve("cut.docx");
        byte[] whole = docx(false);
        Files.write(cut, Arrays.copyOf(whole, whole.length / 8));

        ParsedDocument e = TestImports.parse(importer, empty).document();
        ParsedDocument c = TestImports.parse(importer, cut).document();

        assertThat(e.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(e.reason()).isEqualTo("The file is empty.");
        assertThat(c.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(c.reason()).startsWith("The Word document is damaged");
    }

    @Test
    void entityExpansionBombFailsFast() throws Exception {
        Path f = dir.resolve("bomb.docx");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        entries.put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
        entries.put("word/document.xml", OfficeFixtures.billionLaughs(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>LOL</w:t></w:r></w:p></w:body></w:document>"));
        OfficeFixtures.writeZip(f, entries);

        ParsedDocument d = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TestImports.parse(importer, f).document());

        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.reason()).contains("entity-expansion bomb");
    }
}
