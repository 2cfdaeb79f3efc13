package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POI cannot write a .doc from scratch, so reading real Word 97–2003 text (tables, footnotes, Word 95,
 * encryption) is covered by {@link OfficeCorpusTest}; these tests cover what comes before POI and how
 * Word's control characters become text.
 */
class DocImporterTest {
    @TempDir
    Path dir;

    private final DocImporter importer = new DocImporter();

    private ParsedDocument parse(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return TestImports.parse(importer, f).document();
    }

    @Test
    void turnsWordControlCharactersIntoPlainText() {
        assertThat(DocImporter.clean("Title\r\nPara one\rline\u000bbreak\r")).isEqualTo("Title\nPara one\nline\nbreak\n");
        assertThat(DocImporter.clean("Party\u0007Role\u0007\u0007\r")).isEqualTo("Party\tRole\n");
        assertThat(DocImporter.clean("a\u0001b\u0013c\fd")).isEqualTo("abc\fd");
    }

    @Test
    void wrongOrOldFormatsFailWithAReasonThatSaysWhyAndAMisnamedDocxOrRtfIsRead() throws Exception {
        ParsedDocument empty = parse("empty.doc", new byte[0]);
        ParsedDocument word2 = parse("old.doc", new byte[] {(byte) 0xDB, (byte) 0xA5, 0x2D, 0x00, 0, 0, 0, 0, 0, 0});
        ParsedDocument rtf = parse("memo.doc", "{\\rtf1\\ansi Hello}".getBytes());
        ParsedDocument docx;
        try (XWPFDocument d = new XWPFDocument(); var out = new java.io.ByteArrayOutputStream()) {
            d.createParagraph().createRun().setText("x");
            d.write(out);
            docx = parse("renamed.doc", out.toByteArray());
        }

        assertThat(empty.reason()).isEqualTo("The file is empty.");
        assertThat(word2.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(word2.reason()).isEqualTo("This is a Word 95 (or older) document, which Quarry cannot read.");
        assertThat(rtf.status()).as("an RTF named .doc is read for what it is").isEqualTo(DocumentStatus.COMPLETED);
        assertThat(rtf.pages().get(0).text()).contains("Hello");
        assertThat(docx.status()).as("a .docx named .doc is read for what it is").isEqualTo(DocumentStatus.COMPLETED);
        assertThat(docx.pages().get(0).text()).contains("x");
    }

    @Test
    void compoundFileWithoutAWordStreamIsDamaged() throws Exception {
        Path f = dir.resolve("hollow.doc");
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(f)) {
            fs.createDocument(new ByteArrayInputStream(new byte[600]), "Junk");
            fs.writeFilesystem(out);
        }

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.reason()).startsWith("The Word document is damaged");
    }
}
