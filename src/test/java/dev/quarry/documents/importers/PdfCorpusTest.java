package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.testing.TestImports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PDF importer over the shared corpus: hostile files end in a terminal status with a reason and
 * never hang; real contracts give the same words, in the same order, as the CUAD text release.
 */
@Tag("corpus")
class PdfCorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("quarry.corpus", "../shared/corpus"));
    private static final Duration PER_FILE = Duration.ofSeconds(120);
    private final PdfImporter importer = new PdfImporter();

    @Test
    void everyHardPdfEndsWithATerminalStatusAndAReason() throws IOException {
        Path pdfjs = CORPUS.resolve("robustness/pdfjs");
        JsonNode index = Json.MAPPER.readTree(pdfjs.resolve("_index.json").toFile());
        List<Path> files = new ArrayList<>(pdfs(pdfjs));
        files.addAll(pdfs(CORPUS.resolve("court")));
        assertThat(files).hasSizeGreaterThan(60);

        Map<DocumentStatus, Integer> counts = new EnumMap<>(DocumentStatus.class);
        SoftAssertions soft = new SoftAssertions();
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            long t0 = System.nanoTime();
            ParsedDocument d = assertTimeoutPreemptively(PER_FILE, () -> TestImports.parse(importer, f).document(),
                    () -> f + " did not finish in " + PER_FILE.toSeconds() + " s");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            counts.merge(d.status(), 1, Integer::sum);
            lines.add(String.format(Locale.ROOT, "%-18s %3d pages %5d ms  %s  %s", d.status(), d.pages().size(), ms,
                    CORPUS.relativize(f), d.reason() == null ? "" : d.reason()));

            soft.assertThat(d.status().terminal()).isTrue();
            if (d.status() != DocumentStatus.COMPLETED) {
                soft.assertThat(d.reason()).as(f.toString()).isNotBlank().doesNotContain("Exception").doesNotContain("\n");
            }
            if (d.status() == DocumentStatus.COMPLETED) {
                soft.assertThat(d.pages()).as(f.toString()).isNotEmpty();
                soft.assertThat(d.pages()).as(f + " has text").anyMatch(p -> !p.text().isBlank());
            }
            if (d.status() == DocumentStatus.NEEDS_OCR) {
                soft.assertThat(d.pages()).as(f.toString()).isNotEmpty().anyMatch(ParsedPage::imageOnly);
            }
            Optional<DocumentStatus> expected = expectationFromIndex(index, f);
            if (expected.isPresent() && expected.get() == DocumentStatus.PASSWORD_REQUIRED && d.status() == DocumentStatus.COMPLETED) {
                // A file whose cross-reference is rebuilt can lose its /Encrypt entry; then it is only
                // acceptable if what was read is plain text, not ciphertext pushed through a font.
                String text = d.pages().stream().map(ParsedPage::text).collect(Collectors.joining());
                soft.assertThat(text).as(f.getFileName() + " read without its password").matches("[\\p{L}\\p{N}\\p{P}\\s]+");
            } else {
                expected.ifPresent(e -> soft.assertThat(d.status()).as(f.getFileName() + ": " + d.reason()).isEqualTo(e));
            }
            if (f.getFileName().toString().equals("complex_ttf_font.pdf")) {
                // Its glyphs render but map to no characters in PDFBox (no usable cmap): OCR, not "blank".
                soft.assertThat(d.reason()).as(f.toString()).isEqualTo(PdfImporter.UNMAPPED_FONTS);
            }
            if (f.startsWith(CORPUS.resolve("court")) && courtScan(f)) {
                soft.assertThat(d.status()).as(f.toString()).isEqualTo(DocumentStatus.NEEDS_OCR);
            }
            if (!f.startsWith(pdfjs) || !index.has(f.getFileName().toString())) continue;
            JsonNode entry = index.get(f.getFileName().toString());
            if (has(entry.get("features"), "encrypted") && entry.get("password").isNull()) {
                soft.assertThat(d.status()).as(f.getFileName() + " has only an owner password").isNotEqualTo(DocumentStatus.PASSWORD_REQUIRED);
            }
        }
        System.out.println("PDF robustness corpus (" + files.size() + " files): " + counts);
        lines.forEach(System.out::println);
        soft.assertAll();
    }
    /** What the pdf.js manifest tells us for sure: a user password, or a scan with no fonts at all. */
    private static Optional<DocumentStatus> expectationFromIndex(JsonNode index, Path f) {
        JsonNode entry = index.get(f.getFileName().toString());
        if (entry == null) return Optional.empty();
        if (has(entry.get("why"), "password_protected(manifest password)")) return Optional.of(DocumentStatus.PASSWORD_REQUIRED);
        if (has(entry.get("features"), "image_only_no_fonts")) return Optional.of(DocumentStatus.NEEDS_OCR);
        return Optional.empty();
    }

    /** The court scans without a text layer (missouri.pdf, though listed with the scans, carries one). */
    private static boolean courtScan(Path f) {
        return f.getFileName().toString().startsWith("image-pdf");
    }

    private static boolean has(JsonNode array, String value) {
        if (array == null) return false;
        for (JsonNode n : array) if (value.equals(n.asText())) return true;
        return false;
    }

    /**
     * CUAD ships each contract as text made from the same filing. Measure, per contract, the share of the
     * text's word tokens that the PDF's text contains in the same order (an exact token LCS), so dropped,
     * garbled or shuffled text all lower it. Page headers, footers and hyphenation cost a little.
     */
    @Test
    void cuadContractsMatchTheirTextRelease() throws IOException {
        List<Path> files = pdfs(CORPUS.resolve("cuad/pdf"));
        assertThat(files).hasSizeGreaterThan(100);
        Map<String, Path> texts = textsByKey(CORPUS.resolve("cuad/contracts"));
        List<Double> scores = new ArrayList<>();
        TreeMap<Double, String> worst = new TreeMap<>();
        int pages = 0;
        for (Path f : files) {
            ParsedDocument d = assertTimeoutPreemptively(PER_FILE, () -> TestImports.parse(importer, f).document());
            assertThat(d.status()).as(f.toString()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(d.pages()).as(f.toString()).isNotEmpty();
            pages += d.pages().size();
            String stem = stem(f.getFileName().toString());
            Path txt = texts.get(key(stem));
            assertThat(txt).as("text release for " + stem).isNotNull();
            String pdfText = d.pages().stream().map(ParsedPage::text).collect(Collectors.joining("\n"));
            double score = TokenAlignment.coverage(TokenAlignment.tokens(Files.readString(txt)), TokenAlignment.tokens(pdfText));
            scores.add(score);
            worst.put(score + 1e-9 * worst.size(), stem);
        }
        Collections.sort(scores);
        long atLeast90 = scores.stream().filter(s -> s >= 0.90).count();
        System.out.printf(Locale.ROOT, "CUAD PDFs: %d files, %d pages; token coverage min %.3f p10 %.3f median %.3f mean %.3f; >=0.90: %d/%d%n",
                scores.size(), pages, scores.get(0), quantile(scores, 0.10), quantile(scores, 0.5),
                scores.stream().mapToDouble(Double::doubleValue).average().orElse(0), atLeast90, scores.size());
        worst.entrySet().stream().limit(8).forEach(e -> System.out.printf(Locale.ROOT, "  %.3f %s%n", e.getKey(), e.getValue()));

        assertThat(quantile(scores, 0.5)).isGreaterThanOrEqualTo(0.97);
        assertThat((double) atLeast90 / scores.size()).isGreaterThanOrEqualTo(0.95);
        assertThat(scores.get(0)).isGreaterThanOrEqualTo(0.5);
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * (sorted.size() - 1))));
    }

    /** Text files by a key that ignores punctuation and spacing: a few PDF names differ in a trailing "-". */
    private static Map<String, Path> textsByKey(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".txt"))
                    .collect(Collectors.toMap(p -> key(stem(p.getFileName().toString())), p -> p, (a, b) -> a));
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String key(String stem) {
        return stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static List<Path> pdfs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
                    .sorted().toList();
        }
    }
}
