package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.Importer;
import dev.quarry.documents.Importers;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import dev.quarry.testing.TestImports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POI's own robustness files (encrypted, fuzzed, truncated, bombs, old formats) and the court samples,
 * run through the default registry: every file must end in a terminal status, with a reason when it is
 * not COMPLETED, within a time limit. Files whose outcome is known are held to it.
 */
@Tag("corpus")
class OfficeCorpusTest {
    private static final Logger log = LoggerFactory.getLogger(OfficeCorpusTest.class);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Map<String, DocumentStatus> seen = new ConcurrentHashMap<>();

    /** Outcomes the corpus index states (password files) or that a reader must manage (good files). */
    private static final Map<String, DocumentStatus> EXPECTED = Map.ofEntries(
            Map.entry("PasswordProtected.doc", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("bug53475-password-is-pass.docx", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("bug53475-password-is-solrcell.docx", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("password_password_cryptoapi.doc", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("password_tika_binaryrc4.doc", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("password.xls", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("xor-encryption-abc.xls", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("protected_passtika.xlsx", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("protected_passtika.xlsb", DocumentStatus.PASSWORD_REQUIRED),
            Map.entry("documentProtection_readonly_no_password.docx", DocumentStatus.COMPLETED),
            Map.entry("documentProtection_trackedChanges_no_password.docx", DocumentStatus.COMPLETED),
            Map.entry("workbookProtection-sheet_password-2013.xlsx", DocumentStatus.COMPLETED),
            Map.entry("truncated62886.docx", DocumentStatus.FAILED),
            Map.entry("xlsx-corrupted.xlsx", DocumentStatus.FAILED),
            Map.entry("poc-xmlbomb-empty.xlsx", DocumentStatus.FAILED),
            Map.entry("word2.doc", DocumentStatus.FAILED),
            Map.entry("Word95.doc", DocumentStatus.COMPLETED),
            Map.entry("Fuzzed.doc", DocumentStatus.FAILED),
            // POI cannot resolve a Strict OOXML workbook's sheets (bug 57699); StrictWorkbook does.
            Map.entry("SimpleStrict.xlsx", DocumentStatus.COMPLETED),
            Map.entry("Simple.xlsb", DocumentStatus.COMPLETED),
            Map.entry("SimpleMacro.xlsm", DocumentStatus.COMPLETED),
            Map.entry("SimpleMacro.docm", DocumentStatus.COMPLETED),
            Map.entry("WordWithAttachments.docx", DocumentStatus.COMPLETED),
            Map.entry("footnote.doc", DocumentStatus.COMPLETED),
            Map.entry("57603-seven_columns.doc", DocumentStatus.COMPLETED),
            Map.entry("word-doc.doc", DocumentStatus.COMPLETED),
            Map.entry("word-docx.docx", DocumentStatus.COMPLETED),
            Map.entry("word-perfect.wpd", DocumentStatus.FAILED));

    @TestFactory
    Stream<DynamicTest> everyFileEndsInATerminalStatus() throws IOException {
        Path corpus = Path.of(System.getProperty("quarry.corpus"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus.resolve("robustness/poi"))) {
            s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("_")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(corpus.resolve("court"))) {
            s.filter(f -> f.toString().matches(".*\\.(doc|docx|wpd)$")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(30);
        return files.stream().map(f -> DynamicTest.dynamicTest(corpus.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        Source source = new Source(file, name, file.toString(), Files.size(file), Map.of());
        Importer importer = Importers.defaults().find(source).orElseThrow(() -> new AssertionError("no importer for " + name));
        long t0 = System.nanoTime();
        ParsedDocument d = assertTimeoutPreemptively(LIMIT, () -> TestImports.parse(importer, file).document(), name);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long chars = d.pages().stream().mapToLong(p -> p.text().length()).sum();
        log.info("{}\t{}\t{}\t{} pages\t{} chars\t{} ms\t{}", name, importer.name(), d.status(), d.pages().size(), chars, ms,
                d.reason() == null ? "" : d.reason());
        seen.put(name, d.status());
        assertThat(d.status().terminal()).isTrue();
        if (d.status() != DocumentStatus.COMPLETED) assertThat(d.reason()).isNotBlank();
        DocumentStatus expected = EXPECTED.get(name);
        if (expected != null) assertThat(d.status()).as(name + ": " + d.reason()).isEqualTo(expected);
        if (expected == DocumentStatus.COMPLETED) assertThat(chars).as(name + " text").isPositive();
        String text = String.join("\f", d.pages().stream().map(p -> p.text()).toList());
        if (name.equals("word-doc.doc")) assertThat(text).contains("Indiana Supreme Court", "Dickson, Justice.");
        if (name.equals("word-docx.docx")) assertThat(text).contains("Docket No. MD17-00012", "MISCONDUCT");
        if (name.equals("Word95.doc")) assertThat(text).startsWith("The quick brown fox jumps over the lazy dog");
        if (name.equals("SimpleMacro.xlsm")) assertThat(text).startsWith("Sheet: ");
        if (name.equals("SimpleStrict.xlsx")) assertThat(text).contains("Sheet: Sheet Number 2", "This is sheet 2", "1990-01-01");
        if (name.equals("word-perfect.wpd")) assertThat(d.reason()).contains("WordPerfect");
        if (name.equals("word2.doc")) assertThat(d.reason()).contains("Word 95 (or older)");
        if (name.equals("poc-xmlbomb-empty.xlsx")) assertThat(ms).isLessThan(10_000);
    }

    @AfterAll
    static void summary() {
        Map<DocumentStatus, Integer> counts = new TreeMap<>();
        seen.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        log.info("Office corpus: {} files, {}", seen.size(), counts);
    }
}
