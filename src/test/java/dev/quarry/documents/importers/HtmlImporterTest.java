package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlImporterTest {
    @TempDir
    Path dir;

    @Test
    void keepsVisibleTextWithBlockStructureAndDropsScripts() throws Exception {
        Path f = dir.resolve("notice.html");
        Files.writeString(f, """
                <!DOCTYPE html><html><head><title>Notice of  Deposition</title>
                <meta name="author" content="J. Counsel"><style>p { color: red }</style>
                <script>var secret = "do not index";</script></head>
                <body><h1>Notice</h1><p>Please   take notice that the
                deposition of <b>Jane Roe</b> will be taken.</p>
                <div>Line one<br>Line two</div>
                <table><tr><th>Date</th><th>Place</th></tr><tr><td>May 1</td><td>Boston</td></tr></table>
                <ul><li>First</li><li>Second</li></ul>
                <div hidden>invisible</div><noscript>enable js</noscript>
                </body></html>""");

        ParsedDocument d = TestImports.parse(new HtmlImporter(), f).document();

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.title()).isEqualTo("Notice of Deposition");
        assertThat(d.author()).isEqualTo("J. Counsel");
        assertThat(d.pages()).hasSize(1);
        assertThat(d.pages().get(0).text()).isEqualTo("""
                Notice
                Please take notice that the deposition of Jane Roe will be taken.
                Line one
                Line two
                Date\tPlace
                May 1\tBoston
                • First
                • Second
                """);
    }

    @Test
    void findsTheCharsetInAMetaTag() throws Exception {
        Path f = dir.resolve("legacy.htm");
        Files.write(f, "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 \u2013 na\u00efve</p></body></html>"
                .getBytes(Charset.forName("windows-1252")));

        ParsedDocument d = TestImports.parse(new HtmlImporter(), f).document();

        assertThat(d.pages().get(0).text()).isEqualTo("Caf\u00e9 \u2013 na\u00efve\n");
    }

    @Test
    void zeroBytesIsEmpty() throws Exception {
        Path f = dir.resolve("blank.html");
        Files.write(f, new byte[0]);

        assertThat(TestImports.parse(new HtmlImporter(), f).document().reason()).isEqualTo("The file is empty.");
    }
}
