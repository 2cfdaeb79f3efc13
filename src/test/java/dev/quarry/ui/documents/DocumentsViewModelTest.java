package dev.quarry.ui.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.app.TaskRunner;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.ImportService;
import dev.quarry.testing.WordTokenCounter;
import dev.quarry.ui.UiFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsViewModelTest {
    @TempDir
    Path tmp;
    private Matter matter;
    private ImportService imports;
    private DocumentsViewModel vm;

    @BeforeEach
    void setUp() {
        matter = Matter.create(tmp.resolve("matter"), "Test", null, null);
        imports = new ImportService(matter, UiFixtures.importers(), new WordTokenCounter(), 1);
        vm = new DocumentsViewModel(TaskRunner.sameThread(), new DocumentRepository(matter.db()), imports);
    }

    @AfterEach
    void tearDown() {
        matter.close();
    }

    @Test
    void importingAFolderFillsTheTableWithStatusesAndReasons() throws Exception {
        Path folder = UiFixtures.textFolder(tmp.resolve("production"), 12);
        vm.importPaths(List.of(folder));

        assertThat(vm.importing().get()).isFalse();
        assertThat(vm.error().get()).isNull();
        assertThat(vm.all()).hasSize(13);
        assertThat(vm.all()).filteredOn(d -> d.status() == DocumentStatus.COMPLETED).hasSize(12);
        DocumentSummary empty = vm.all().stream().filter(d -> d.fileName().equals("empty.txt")).findFirst().orElseThrow();
        assertThat(empty.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(empty.error()).isEqualTo("The file is empty.");
        assertThat(vm.lastResult().get()).startsWith("Import finished: 13 files, 12 pages in ");
        assertThat(vm.summary().get()).isEqualTo("13 documents · 1 need attention");
    }

    @Test
    void filtersByTextAndStatus() throws Exception {
        vm.importPaths(List.of(UiFixtures.textFolder(tmp.resolve("production"), 12)));
        vm.filterText().set("MEMO-01");
        assertThat(vm.filtered()).extracting(DocumentSummary::fileName)
                .containsExactlyInAnyOrder("memo-010.txt", "memo-011.txt", "memo-012.txt");
        assertThat(vm.summary().get()).startsWith("3 of 13 documents");
        vm.filterText().set("");
        vm.statusFilter().set(DocumentStatus.FAILED);
        assertThat(vm.filtered()).extracting(DocumentSummary::fileName).containsExactly("empty.txt");
        vm.filterText().set("is empty");
        assertThat(vm.filtered()).hasSize(1);
        vm.statusFilter().set(null);
        vm.filterText().set("  ");
        assertThat(vm.filtered()).hasSize(13);
    }

    @Test
    void anInnerBatesNumberOrTheOriginalNameFindsItsDocument() throws Exception {
        ImportService volumes = new ImportService(matter, dev.quarry.documents.Importers.defaults(), new WordTokenCounter(), 1);
        DocumentsViewModel pane = new DocumentsViewModel(TaskRunner.sameThread(), new DocumentRepository(matter.db()), volumes);
        pane.importPaths(List.of(dev.quarry.testing.BatesVolume.write(tmp.resolve("production"))));
        assertThat(pane.all()).hasSize(4);

        pane.filterText().set("XYZ0000050");
        assertThat(pane.filtered()).extracting(DocumentSummary::batesBegin).containsExactly("XYZ0000008");
        pane.filterText().set(" xyz0000006 ");
        assertThat(pane.filtered()).extracting(DocumentSummary::batesBegin).containsExactly("XYZ0000005");
        pane.filterText().set("office lease");
        assertThat(pane.filtered()).extracting(DocumentSummary::batesBegin).containsExactly("XYZ0000005");
        pane.filterText().set("XYZ0000999");
        assertThat(pane.filtered()).isEmpty();
    }

    @Test
    void aSecondImportWhileOneRunsIsRefusedWithASentence() {
        vm.importing().set(true);
        vm.importPaths(List.of(tmp));
        assertThat(vm.error().get().message()).isEqualTo("An import is already running; wait for it to finish or cancel it first.");
    }

    @Test
    void progressShowsFilesPagesRateAndEta() {
        vm.importing().set(true);
        vm.showProgress(new JobProgress(1, "import", JobStatus.RUNNING, "importing", 200, 40, 10, 1000, 250, 75,
                12.5, 30, 100, Duration.ofSeconds(185), "memo-050.txt"));
        assertThat(vm.progress().get()).isEqualTo(0.25);
        assertThat(vm.progressText().get()).isEqualTo("50 of 200 files · 75 pages");
        assertThat(vm.rateText().get()).isEqualTo("13 files/s · 30 pages/s");
        assertThat(vm.etaText().get()).isEqualTo("about 3 min 05 s left");
        assertThat(vm.currentFile().get()).isEqualTo("memo-050.txt");
    }

    @Test
    void ocrProgressShowsPagesReadRateAndEta() {
        vm.importing().set(true);
        vm.showProgress(new JobProgress(1, "import", JobStatus.RUNNING, "ocr", 40, 9, 1, 0, 0, 75,
                0.8, 0.8, 0, Duration.ofSeconds(50), "exhibit.tif p. 11"));
        assertThat(vm.progress().get()).isEqualTo(0.25);
        assertThat(vm.progressText().get()).isEqualTo("OCR: 10 of 40 pages read");
        assertThat(vm.rateText().get()).isEqualTo("0.8 pages/s");
        assertThat(vm.etaText().get()).isNotEmpty();
        assertThat(vm.currentFile().get()).isEqualTo("exhibit.tif p. 11");
    }

    @Test
    void anInterruptedImportIsOfferedAndResumes() throws Exception {
        Path folder = UiFixtures.textFolder(tmp.resolve("production"), 5);
        long job = imports.plan(List.of(folder), null); // planned but never run: what a kill leaves behind
        vm.checkResumable();
        assertThat(vm.resumable()).containsExactly(job);
        vm.resume(job);
        assertThat(vm.resumable()).isEmpty();
        assertThat(vm.all()).hasSize(6);
        vm.checkResumable();
        assertThat(vm.resumable()).isEmpty();
    }

    @Test
    void cancellingStopsTheImportAndSaysItCanBeResumed() throws Exception {
        Path folder = UiFixtures.textFolder(tmp.resolve("production"), 30);
        List<String> seen = new ArrayList<>();
        // Cancel from inside the first progress report, as a click on Cancel would during the run.
        DocumentsViewModel cancelling = new DocumentsViewModel(TaskRunner.sameThread(), new DocumentRepository(matter.db()),
                imports);
        cancelling.progressText().addListener((o, a, b) -> {
            seen.add(b);
            if (b.contains(" of ")) cancelling.cancelImport();
        });
        cancelling.importPaths(List.of(folder));
        assertThat(cancelling.lastResult().get()).startsWith("Import cancelled");
        assertThat(cancelling.all().size()).isLessThan(30);
        assertThat(seen).contains("Cancelling…");
    }

    @Test
    void aHundredThousandDocumentsLoadAndFilter() {
        // Filled with one SQL statement (the import path is measured elsewhere); what matters here is that the
        // pane reads rows with one query into light records and that filtering is a plain scan.
        matter.db().withConnection(c -> c.createStatement().executeUpdate("INSERT INTO documents (sha256, file_name, "
                + "media_type, size_bytes, status, error, page_count, bates_begin, bates_end, custodian, created_at, updated_at) "
                + "SELECT LPAD(CAST(X AS VARCHAR), 64, '0'), 'doc-' || X || '.pdf', 'application/pdf', X * 100, "
                + "CASE WHEN MOD(X, 50) = 0 THEN 'failed' ELSE 'completed' END, "
                + "CASE WHEN MOD(X, 50) = 0 THEN 'The PDF is damaged.' END, MOD(X, 30) + 1, "
                + "'ABC' || LPAD(CAST(X * 10 AS VARCHAR), 8, '0'), 'ABC' || LPAD(CAST(X * 10 + 9 AS VARCHAR), 8, '0'), "
                + "'Custodian ' || MOD(X, 7), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 100000)"));
        long t0 = System.nanoTime();
        vm.load();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(vm.all()).hasSize(100_000);
        long t1 = System.nanoTime();
        vm.filterText().set("abc00099");
        long filterMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(vm.filtered()).isNotEmpty().allSatisfy(d -> assertThat(d.batesBegin() + d.batesEnd()).contains("ABC00099"));
        vm.filterText().set("");
        vm.statusFilter().set(DocumentStatus.FAILED);
        assertThat(vm.filtered()).hasSize(2_000);
        // Timings are logged, not asserted: on a shared 2-core machine a wall-clock budget fails for reasons
        // that are not the code's (it did at load 30). Speed belongs in benchmarks.
        org.slf4j.LoggerFactory.getLogger(getClass()).info("100k rows: load {} ms, text filter {} ms", loadMs, filterMs);
    }
}
