package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtfImporterTest {
    /** RTF as WordPad and Word write it: font and colour tables, info block, code-page and \\u escapes, a picture, a table. */
    static final String MEMO = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}{\\f1 Times New Roman;}}"
            + "{\\colortbl;\\red255\\green0\\blue0;}{\\*\\generator Riched20 10.0;}{\\info{\\title Settlement memo}{\\author J. Doe}}"
            + "\\pard\\f0\\fs24 Caf\\'e9 meeting re: d\\u233?j\\u224? vu\\par Second line\\tab tabbed\\par"
            + "{\\pict\\wmetafile8\\picw10\\pich10 0a0b0c0d0e0f}"
            + "\\trowd\\cellx1000\\cellx2000 Amount\\cell $1,250,000\\cell\\row"
            + "\\page Page two: the release of all claims.\\par}";

    @TempDir
    Path dir;

    @Test
    void readsTextDecodedAndSplitsAtPageBreaks() throws Exception {
        Path f = Files.write(dir.resolve("memo.rtf"), MEMO.getBytes(StandardCharsets.ISO_8859_1));
        ParsedDocument d = TestImports.parse(new RtfImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo("application/rtf");
        assertThat(d.pages()).hasSize(2);
        String one = d.pages().get(0).text();
        assertThat(one).contains("Café meeting re: déjà vu", "Second line\ttabbed", "Amount\t$1,250,000")
                .doesNotContain("Helvetica", "Riched20", "0a0b0c", "Settlement memo");
        assertThat(d.pages().get(1).text()).contains("Page two: the release of all claims.");
    }

    @Test
    void rtfSavedAsDocOrTxtIsReadAsRtf() throws Exception {
        Path doc = Files.write(dir.resolve("memo.doc"), MEMO.getBytes(StandardCharsets.ISO_8859_1));
        ParsedDocument d = TestImports.parse(new DocImporter(), doc).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).contains("Café meeting");
        Path txt = Files.write(dir.resolve("memo.bin"), MEMO.getBytes(StandardCharsets.ISO_8859_1));
        var src = new dev.quarry.documents.Source(txt, "memo.bin", txt.toString(), Files.size(txt), java.util.Map.of());
        assertThat(dev.quarry.documents.Importers.defaults().find(src)).get().extracting(i -> i.name()).isEqualTo("rtf");
    }

    @Test
    void emptyOrMisnamedRtfFailsWithAReason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.rtf"), new byte[0]);
        Path not = Files.writeString(dir.resolve("plain.rtf"), "just words");
        assertThat(TestImports.parse(new RtfImporter(), empty).document().reason()).isEqualTo("The file is empty.");
        ParsedDocument n = TestImports.parse(new RtfImporter(), not).document();
        assertThat(n.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(n.reason()).contains("not an RTF document");
    }

    @Test
    void truncatedRtfKeepsWhatWasRead() throws Exception {
        String cut = MEMO.substring(0, MEMO.indexOf("\\pict"));
        Path f = Files.write(dir.resolve("cut.rtf"), cut.getBytes(StandardCharsets.ISO_8859_1));
        ParsedDocument d = TestImports.parse(new RtfImporter(), f).document();
        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.pages().get(0).text()).contains("Second line");
        assertThat(d.metadata().get("warning")).contains("truncated or damaged");
    }
}
