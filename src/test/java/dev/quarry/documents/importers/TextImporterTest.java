package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextImporterTest {
    @TempDir Path tmp;
    final TextImporter importer = new TextImporter();

    private boolean accepts(String name, byte[] content) throws Exception {
        Path f = Files.write(tmp.resolve(name), content);
        return importer.accepts(new Source(f, name, f.toString(), content.length, Map.of()), content);
    }

    @Test
    void keepsTheDecodedTextVerbatimAsOnePage() throws Exception {
        String text = "Line one\r\nLine two\n\n\tIndented — with a dash\n";
        Path f = Files.writeString(tmp.resolve("notes.txt"), text, StandardCharsets.UTF_8);
        var r = TestImports.parse(importer, f);
        assertThat(r.document().status()).isEqualTo(DocumentStatus.COMPLETED);
        assertThat(r.document().pages()).hasSize(1);
        assertThat(r.document().pages().get(0).text()).isEqualTo(text);
    }

    @Test
    void readsTextWithNoOrADataExtensionButNotBinary() throws Exception {
        assertThat(accepts("LICENSE", "Permission is hereby granted".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(accepts("questions.jsonl", "{\"q\": \"What?\"}\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(accepts("core", new byte[] {0x7F, 'E', 'L', 'F', 0, 0, 1})).isFalse();
        assertThat(accepts("blob.bin", "looks like text".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void anEmptyFileSaysSo() throws Exception {
        Path f = Files.writeString(tmp.resolve("empty.txt"), "");
        assertThat(TestImports.parse(importer, f).document().reason()).isEqualTo("The file is empty.");
    }
}
