package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encrypted matter keeps nothing readable on disk (issue 11): after importing a DOCX, a PDF, a TXT
 * and a ZIP that all hold one sentence, and building and saving both indexes, no file under the
 * matter folder holds the sentence or its distinctive word, in UTF-8, UTF-16 or inside a ZIP; the
 * right password finds it again and a wrong one changes nothing.
 */
class EncryptedMatterTest {
    static final String WORD = "Zorbelline";
    static final String SENTENCE = "The Zorbelline escrow shall be released to the Licensor on the ninth of Quintember.";

    @TempDir Path tmp;

    @Test
    void nothingUnderTheFolderReadsInTheClearAndTheRightPasswordStillFindsIt() throws Exception {
        Path in = documents(Files.createDirectories(tmp.resolve("in")));
        Path matter = tmp.resolve("m");
        // The password comes from an environment variable; PATH is always set, so it serves as the secret.
        assertThat(quarry("matter", "create", matter.toString(), "--name", "Secret", "--password-env", "PATH").code()).isZero();
        CliTest.Run imported = quarry("import", matter.toString(), in.toString(), "--json", "--password-env", "PATH");
        assertThat(imported.code()).as(imported.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(imported.out());
        assertThat(report.get("documents").get("completed").asInt()).as(imported.out()).isEqualTo(4);
        assertThat(report.get("embedding").get("status").asText()).isEqualTo("completed");

        List<String> leaks = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(matter)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                files++;
                leaks(matter.relativize(f).toString(), Files.readAllBytes(f), leaks, 0);
            }
        }
        assertThat(files).as("the matter holds its files").isGreaterThan(5);
        assertThat(leaks).as("files that read in the clear").isEmpty();

        CliTest.Run found = quarry("search", matter.toString(), WORD, "--mode", "hybrid", "--json", "--password-env", "PATH");
        assertThat(found.code()).as(found.err()).isZero();
        JsonNode hits = Json.MAPPER.readTree(found.out()).get("hits");
        List<String> names = new ArrayList<>();
        hits.forEach(h -> names.add(h.get("file_name").asText()));
        assertThat(names).contains(WORD + " memo.txt", "escrow.docx", "escrow.pdf", "letter.txt");
        assertThat(hits.get(0).get("text").asText()).contains(WORD);
    }

    @Test
    void aWrongPasswordIsOneSentenceExitTwoAndLeavesTheFolderAsItWas() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("note.txt"), SENTENCE);
        Path matter = tmp.resolve("m");
        assertThat(quarry("matter", "create", matter.toString(), "--password-env", "PATH").code()).isZero();
        assertThat(quarry("import", matter.toString(), in.toString(), "--keyword-only", "--quiet", "--password-env", "PATH").code()).isZero();
        Map<String, String> before = snapshot(matter);

        CliTest.Run wrong = quarry("docs", matter.toString(), "--json", "--password-env", "HOME");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err().strip()).isEqualTo("quarry: The password is not right for this matter.");
        assertThat(wrong.out()).isEmpty();
        assertThat(matter.resolve("quarry.trace.db")).doesNotExist();
        assertThat(snapshot(matter)).isEqualTo(before);

        assertThat(quarry("docs", matter.toString(), "--json", "--password-env", "PATH").code()).isZero();
    }

    /** Every file and its size and modification time: what a failed open must not change. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                out.put(dir.relativize(f).toString(), Files.isDirectory(f) ? "dir"
                        : Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
            }
        }
        return out;
    }

    /** Adds {@code name} to {@code leaks} when its bytes (or, for a ZIP, any entry's) hold the sentence or the word. */
    static void leaks(String name, byte[] bytes, List<String> leaks, int depth) throws IOException {
        for (Charset cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            String text = new String(bytes, cs);
            String lower = text.toLowerCase(Locale.ROOT);
            // "zorbell" catches the word and its stem in an index's term dictionary, in any case.
            if (text.contains(SENTENCE) || lower.contains("zorbell") || lower.contains("quintember")) {
                leaks.add(name + " (" + cs + ")");
                return;
            }
        }
        if (depth < 2 && bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K') {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    leaks(name + "!/" + e.getName(), z.readAllBytes(), leaks, depth + 1);
                }
            } catch (IOException | IllegalArgumentException notAZip) {
                // Not a ZIP after all: its raw bytes were checked above.
            }
        }
    }

    /** A TXT (named with the word), a DOCX, a PDF and a ZIP holding a TXT, each with the sentence. */
    static Path documents(Path in) throws IOException {
        Files.writeString(in.resolve(WORD + " memo.txt"), "Memorandum.\n\n" + SENTENCE + "\n");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(in.resolve("escrow.docx"))) {
            doc.createParagraph().createRun().setText("Escrow agreement.");
            doc.createParagraph().createRun().setText(SENTENCE);
            doc.write(out);
        }
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(50, 700);
                cs.showText(SENTENCE);
                cs.endText();
            }
            pdf.save(in.resolve("escrow.pdf").toFile());
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(in.resolve("bundle.zip")))) {
            z.putNextEntry(new ZipEntry("inner/letter.txt"));
            z.write(("Dear counsel,\n\n" + SENTENCE + "\n\nYours.\n").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return in;
    }
}
