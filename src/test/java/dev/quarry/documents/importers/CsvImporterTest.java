package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.testing.TestImports;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImporterTest {
    @TempDir
    Path dir;

    private final CsvImporter importer = new CsvImporter();

    @Test
    void sniffsTheDelimiter() {
        assertThat(CsvImporter.sniff("a,b,c\n1,2,3\n")).isEqualTo(',');
        assertThat(CsvImporter.sniff("name;amount;note\nAcme;1,50;\"a;b\"\nBeta;2,75;x\n")).isEqualTo(';');
        assertThat(CsvImporter.sniff("a\tb\n1\t2\n")).isEqualTo('\t');
        assertThat(CsvImporter.sniff("a|b|c\n1|2,5|3\n4|5|6\n")).isEqualTo('|');
    }

    @Test
    void rowsBecomeTabSeparatedLinesWithQuotedFieldsKept() throws Exception {
        Path f = dir.resolve("payments.csv");
        Files.writeString(f, "payee;amount;memo\r\nAcme;1,50;\"rent; March\"\r\n\r\nBeta;2,75;\"two\nlines\"\r\n", StandardCharsets.UTF_8);

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(d.mediaType()).isEqualTo("text/csv");
        assertThat(d.pages()).hasSize(1);
        assertThat(d.pages().get(0).text())
                .isEqualTo("Rows 1–3\npayee\tamount\tmemo\nAcme\t1,50\trent; March\nBeta\t2,75\ttwo lines\n");
    }

    @Test
    void legacyEncodingIsDecodedAndLongFilesSplitWithTheHeader() throws Exception {
        StringBuilder csv = new StringBuilder("client,matter\n");
        for (int i = 1; i <= 250; i++) csv.append("Café ").append(i).append(",M-").append(i).append('\n');
        Path f = dir.resolve("clients.csv");
        Files.write(f, csv.toString().getBytes(Charset.forName("windows-1252")));

        ParsedDocument d = TestImports.parse(importer, f).document();

        assertThat(d.pages()).hasSize(2);
        assertThat(d.pages().get(0).text()).startsWith("Rows 1–200\nclient\tmatter\nCafé 1\tM-1\n");
        assertThat(d.pages().get(1).text()).startsWith("Rows 201–251 (row 1 repeated as header)\nclient\tmatter\nCafé 200\tM-200\n");
    }

    @Test
    void zeroBytesIsEmpty() throws Exception {
        Path f = dir.resolve("none.csv");
        Files.write(f, new byte[0]);

        assertThat(TestImports.parse(importer, f).document().reason()).isEqualTo("The file is empty.");
    }
}
