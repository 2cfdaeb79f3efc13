package dev.quarry.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.retrieval.HfTokenCounter;
import dev.quarry.retrieval.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corpus suite's end-to-end check: real public documents, many of them malformed, imported through
 * the same ImportService the app uses. Every file must end in a terminal status, with a reason when it
 * is not completed, and the import must finish.
 */
@Tag("corpus")
class ImportCorpusTest {
    private static final Logger log = LoggerFactory.getLogger(ImportCorpusTest.class);
    static HfTokenCounter tokens;
    @TempDir Path tmp;

    @BeforeAll
    static void load() {
        tokens = new HfTokenCounter(ModelManifest.load(ModelManifest.DEFAULT_ID));
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    static Path corpus(String sub) {
        Path root = Path.of(System.getProperty("quarry.corpus", "../shared/corpus"));
        Path p = root.resolve(sub);
        assertThat(p).as("the shared corpus folder %s", p).isDirectory();
        return p;
    }

    @Test
    void robustnessAndCourtFilesAllEndInATerminalStatusWithAReason() throws Exception {
        List<Path> sources = List.of(corpus("robustness"), corpus("court"));
        long files;
        try (Stream<Path> s = Stream.concat(Files.walk(sources.get(0)), Files.walk(sources.get(1)))) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
        try (Matter m = Matter.create(tmp.resolve("matter"), "robustness", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), tokens, 2);
            ImportService.Report r = assertTimeoutPreemptively(Duration.ofMinutes(10),
                    () -> svc.run(svc.plan(sources, "robustness"), p -> {}, new CancelToken()));
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.items()).isGreaterThanOrEqualTo(files);

            List<DocumentSummary> docs = new DocumentRepository(m.db()).listAll();
            Map<DocumentStatus, Long> counts = new TreeMap<>(docs.stream()
                    .collect(Collectors.groupingBy(DocumentSummary::status, Collectors.counting())));
            log.info("Robustness corpus: {} files, {} documents, statuses {}", files, docs.size(), counts);
            System.err.println("Robustness + court corpus statuses: " + counts);
            for (DocumentSummary d : docs) {
                assertThat(d.status().terminal()).as(d.fileName()).isTrue();
                if (d.status() != DocumentStatus.COMPLETED) {
                    assertThat(d.error()).as("reason for %s", d.fileName()).isNotBlank();
                    assertThat(d.error()).as("reason for %s reads as a sentence", d.fileName())
                            .doesNotContain("Exception:").doesNotContain("\tat ");
                } else {
                    assertThat(d.chunks()).as("chunks of %s", d.fileName()).isPositive();
                }
            }
            assertThat(counts.getOrDefault(DocumentStatus.COMPLETED, 0L)).isGreaterThan(docs.size() / 3);
        }
    }
}
