package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.Importers;
import dev.quarry.documents.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeRegistryTest {
    @TempDir
    Path dir;

    private String importerFor(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        Source s = new Source(f, name, f.toString(), content.length, Map.of());
        return Importers.defaults().find(s).map(i -> i.name()).orElse("none");
    }

    @Test
    void eachFormatGoesToItsImporterAndTextStaysLast() throws Exception {
        byte[] x = "x".getBytes();
        assertThat(importerFor("a.docx", x)).isEqualTo("docx");
        assertThat(importerFor("a.DOCM", x)).isEqualTo("docx");
        assertThat(importerFor("a.doc", x)).isEqualTo("doc");
        assertThat(importerFor("a.xlsx", x)).isEqualTo("xlsx");
        assertThat(importerFor("a.xlsb", x)).isEqualTo("xlsx");
        assertThat(importerFor("a.xls", x)).isEqualTo("xls");
        assertThat(importerFor("a.csv", x)).isEqualTo("csv");
        assertThat(importerFor("a.tsv", x)).isEqualTo("csv");
        assertThat(importerFor("a.htm", x)).isEqualTo("html");
        assertThat(importerFor("a.eml", x)).isEqualTo("eml");
        assertThat(importerFor("a.msg", x)).isEqualTo("msg");
        assertThat(importerFor("a.txt", x)).isEqualTo("text");
    }

    @Test
    void wordPerfectIsRecognisedByNameOrSignatureAndRefusedPlainly() throws Exception {
        assertThat(importerFor("brief.wpd", "x".getBytes())).isEqualTo("wordperfect");
        assertThat(importerFor("brief", new byte[] {(byte) 0xFF, 'W', 'P', 'C', 16, 0, 0, 0})).isEqualTo("wordperfect");
        assertThat(new WordPerfectImporter().parse(null, null).reason()).startsWith("Quarry does not read WordPerfect files");
    }
}
