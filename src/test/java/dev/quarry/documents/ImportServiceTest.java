package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobProgress;
import dev.quarry.core.jobs.JobRepository;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.testing.WordTokenCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportServiceTest {
    @TempDir Path tmp;

    static String para(String topic, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("The ").append(topic).append(" clause number ").append(i).append(" applies. ");
        return sb.toString();
    }

    private Path production() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("prod"));
        Files.writeString(in.resolve("alpha.txt"), para("indemnity", 200));
        Files.writeString(in.resolve("beta.md"), "# Beta\n\n" + para("governing law", 30));
        Files.createDirectories(in.resolve("sub/deeper"));
        Files.writeString(in.resolve("sub/deeper/alpha-copy.txt"), para("indemnity", 200));
        Files.writeString(in.resolve("sub/empty.txt"), "");
        Files.write(in.resolve("sub/blob.bin"), new byte[] {0, 1, 2, 3});
        Files.writeString(in.resolve(".hidden.txt"), "skipped");
        return in;
    }

    private static ImportService service(Matter m) {
        return new ImportService(m, Importers.defaults(), new WordTokenCounter(), 2);
    }

    @Test
    void importsAFolderWithStatusesDuplicatesAndReasons() throws Exception {
        Path in = production();
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            m.settings().put(Settings.CHUNK_MAX_TOKENS, "64");
            m.settings().put(Settings.CHUNK_OVERLAP_TOKENS, "8");
            ImportService svc = service(m);
            List<JobProgress> seen = new ArrayList<>();
            long job = svc.plan(List.of(in), null);
            ImportService.Report r = svc.run(job, seen::add, new CancelToken());

            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.items()).isEqualTo(5);
            assertThat(seen).isNotEmpty();
            JobProgress last = seen.get(seen.size() - 1);
            assertThat(last.itemsDone() + last.itemsFailed()).isEqualTo(5);
            assertThat(last.itemsFailed()).as("empty.txt and blob.bin were not read").isEqualTo(2);

            DocumentRepository docs = new DocumentRepository(m.db());
            Map<String, DocumentSummary> byName = docs.listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, d -> d));
            assertThat(byName).containsOnlyKeys("alpha.txt", "beta.md", "empty.txt", "blob.bin");
            DocumentSummary alpha = byName.get("alpha.txt");
            assertThat(alpha.status()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(alpha.pages()).isEqualTo(1);
            assertThat(alpha.chunks()).isGreaterThan(10);
            assertThat(alpha.language()).isEqualTo("en");
            assertThat(docs.sourcePaths(alpha.id())).hasSize(2).anyMatch(p -> p.endsWith("alpha-copy.txt"));
            assertThat(byName.get("empty.txt").status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(byName.get("empty.txt").error()).isEqualTo("The file is empty.");
            assertThat(byName.get("blob.bin").error()).isEqualTo("Quarry does not read .bin files.");

            // Originals are kept, content-addressed and unmodified.
            assertThat(m.blobs().path(alpha.sha256())).hasContent(Files.readString(in.resolve("alpha.txt")));

            // Chunk offsets point at the exact characters of the original text.
            String original = Files.readString(in.resolve("alpha.txt"), StandardCharsets.UTF_8);
            for (ChunkRecord c : docs.chunks(alpha.id())) {
                assertThat(original.substring((int) c.docStartChar(), (int) c.docEndChar())).isEqualTo(c.text());
                assertThat(c.tokenCount()).isLessThanOrEqualTo(64);
            }
        }
    }

    @Test
    void importingTheSameFolderAgainAddsSourcesNotDocuments() throws Exception {
        Path in = production();
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            svc.run(svc.plan(List.of(in), "first"), p -> {}, new CancelToken());
            long before = new DocumentRepository(m.db()).count();
            svc.run(svc.plan(List.of(in), "second"), p -> {}, new CancelToken());
            assertThat(new DocumentRepository(m.db()).count()).isEqualTo(before);
        }
    }

    @Test
    void aCancelledImportResumesWithoutDuplicates() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 40; i++) Files.writeString(in.resolve("doc" + i + ".txt"), para("topic " + i, 40 + i));
        Path dir = tmp.resolve("matter");
        try (Matter m = Matter.create(dir, "t", null, null)) {
            ImportService svc = service(m);
            long job = svc.plan(List.of(in), null);
            CancelToken cancel = new CancelToken();
            ImportService.Report r = svc.run(job, p -> { if (p.itemsDone() >= 10) cancel.cancel(); }, cancel);
            assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(new DocumentRepository(m.db()).count()).isBetween(10L, 39L);
        }
        try (Matter m = Matter.open(dir, null)) {
            ImportService svc = service(m);
            long job = new JobRepository(m.db()).recent(1).get(0).id();
            ImportService.Report r = svc.run(job, p -> {}, new CancelToken());
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            DocumentRepository docs = new DocumentRepository(m.db());
            assertThat(docs.count()).isEqualTo(40);
            assertThat(docs.listAll()).allMatch(d -> d.status() == DocumentStatus.COMPLETED && d.chunks() > 0);
            assertThat(r.done()).isEqualTo(40);
        }
    }

    @Test
    void aFileOverTheSizeLimitFailsWithItsSize() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("big"));
        Files.write(in.resolve("huge.txt"), new byte[2 * 1024 * 1024]);
        Files.writeString(in.resolve("small.txt"), para("payment", 10));
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            m.settings().put(Settings.IMPORT_MAX_FILE_MB, "1");
            ImportService svc = service(m);
            svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            Map<String, DocumentSummary> byName = new DocumentRepository(m.db()).listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, d -> d));
            assertThat(byName.get("huge.txt").status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(byName.get("huge.txt").error()).contains("2.0 MB").contains("limit");
            assertThat(byName.get("small.txt").status()).isEqualTo(DocumentStatus.COMPLETED);
        }
    }

    @Test
    void aFileThatTakesTooLongIsSkippedAndTheRestGoOn() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("slow"));
        Files.writeString(in.resolve("stuck.slow"), "never ends");
        Files.writeString(in.resolve("fine.txt"), para("notice", 10));
        Importer stuck = new Importer() {
            public String name() { return "stuck"; }
            public boolean accepts(Source s, byte[] head) { return s.extension().equals("slow"); }
            public ParsedDocument parse(Source s, ImportContext c) {
                while (true) { Thread.onSpinWait(); } // ignores interrupts, like a parser stuck in a loop
            }
        };
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            m.settings().put(Settings.IMPORT_TIMEOUT_SECONDS, "1");
            List<Importer> all = new ArrayList<>(Importers.defaults().all());
            all.add(0, stuck);
            ImportService svc = new ImportService(m, new Importers(all), new WordTokenCounter(), 2);
            ImportService.Report r = svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            Map<String, DocumentSummary> byName = new DocumentRepository(m.db()).listAll().stream()
                    .collect(Collectors.toMap(DocumentSummary::fileName, d -> d));
            assertThat(byName.get("stuck.slow").error()).contains("longer than 1 seconds");
            assertThat(byName.get("fine.txt").status()).isEqualTo(DocumentStatus.COMPLETED);
        }
    }

    @Test
    void batesStampsOnPagesAreFound() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("bates"));
        Files.writeString(in.resolve("stamped.txt"), para("confidential", 20) + "\n\nACME0001234\n");
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            DocumentRepository docs = new DocumentRepository(m.db());
            DocumentSummary d = docs.listAll().get(0);
            assertThat(d.batesBegin()).isEqualTo("ACME0001234");
            assertThat(docs.pages(d.id()).get(0).bates()).isEqualTo("ACME0001234");
        }
    }

    @Test
    void aFullDiskStopsTheJobAsInterruptedAndLosesNothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(in.resolve("a.txt"), para("first", 10));
        Files.writeString(in.resolve("b.full"), "cannot be written");
        Importer diskFull = new Importer() {
            public String name() { return "full"; }
            public boolean accepts(Source s, byte[] head) { return s.extension().equals("full"); }
            public ParsedDocument parse(Source s, ImportContext c) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        Path dir = tmp.resolve("matter");
        try (Matter m = Matter.create(dir, "t", null, null)) {
            List<Importer> all = new ArrayList<>(Importers.defaults().all());
            all.add(0, diskFull);
            ImportService svc = new ImportService(m, new Importers(all), new WordTokenCounter(), 1);
            long job = svc.plan(List.of(in), null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> svc.run(job, p -> {}, new CancelToken()))
                    .isInstanceOf(DiskFullException.class).hasMessageStartingWith("The disk is full");
            assertThat(new JobRepository(m.db()).find(job).orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
            // Once there is space again (here: a reader that works), the job resumes and reads the file.
            ImportService again = service(m);
            assertThat(again.resumableJobs()).containsExactly(job);
            again.run(job, p -> {}, new CancelToken());
            assertThat(new DocumentRepository(m.db()).listAll()).extracting(DocumentSummary::fileName)
                    .containsExactlyInAnyOrder("a.txt", "b.full");
        }
    }

    /**
     * Issue 11: the report counts this job's files by end state and names every file not completed,
     * with its reason; a copy of content already in the matter is a duplicate of that document; and
     * the audit event's counts are the same.
     */
    @Test
    void theReportCountsThisJobsFilesByEndStateAndNamesTheOnesNotCompleted() throws Exception {
        Path in = production(); // alpha, beta, alpha-copy (same bytes as alpha), empty.txt, blob.bin
        Files.writeString(in.resolve("sub/deeper/empty-too.txt"), "");
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(in), "first"), p -> {}, new CancelToken());
            ImportSummary sum = r.summary();
            assertThat(sum.counts()).containsExactly(Map.entry("completed", 2L), Map.entry("failed", 3L),
                    Map.entry("needs_ocr", 0L), Map.entry("password_required", 0L), Map.entry("duplicate", 1L),
                    Map.entry("pending", 0L));
            assertThat(sum.files()).isEqualTo(6);
            assertThat(sum.allCompleted()).isFalse();
            assertThat(r.failed()).as("files not read").isEqualTo(3);
            assertThat(sum.notCompleted()).extracting(ImportSummary.Entry::fileName, ImportSummary.Entry::state,
                    ImportSummary.Entry::reason).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("empty.txt", "failed", "The file is empty."),
                    org.assertj.core.groups.Tuple.tuple("empty-too.txt", "failed", "The file is empty."),
                    org.assertj.core.groups.Tuple.tuple("blob.bin", "failed", "Quarry does not read .bin files."));
            assertThat(sum.notCompleted()).allMatch(e -> e.documentId() != null);

            DocumentRepository docs = new DocumentRepository(m.db());
            long alphaId = docs.listAll().stream().filter(d -> d.fileName().equals("alpha.txt")).findFirst().orElseThrow().id();
            assertThat(sum.duplicates()).singleElement().satisfies(d -> {
                assertThat(d.path()).endsWith("alpha-copy.txt");
                assertThat(d.documentId()).isEqualTo(alphaId);
                assertThat(d.documentName()).isEqualTo("alpha.txt");
                assertThat(d.documentStatus()).isEqualTo("completed");
            });

            // The audit event says the same as the report.
            dev.quarry.core.AuditLog.Event done = m.audit().list("import.completed", 10, 0).get(0);
            assertThat(done.details()).containsEntry("completed", 2).containsEntry("failed", 3).containsEntry("duplicate", 1)
                    .containsEntry("files", 6).containsEntry("containers", 0);

            // A second import of the same folder counts its own files: all duplicates, of the right documents.
            ImportSummary again = svc.run(svc.plan(List.of(in), "second"), p -> {}, new CancelToken()).summary();
            assertThat(again.count("completed")).isZero();
            assertThat(again.count("failed")).isZero();
            assertThat(again.count("duplicate")).as("the same empty files again are the same records").isEqualTo(6);
            assertThat(again.duplicatesNotRead()).as("copies of the empty files and blob.bin are no more readable").isEqualTo(3);
            assertThat(again.allCompleted()).isFalse();
        }
    }

    /** Issue 11: every empty file is its own record (each is a finding), not merged by the SHA-256 of no bytes. */
    @Test
    void everyEmptyFileIsItsOwnDocument() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("empties"));
        for (String n : List.of("a.pdf", "b.txt", "c.docx", "d")) Files.write(in.resolve(n), new byte[0]);
        try (Matter m = Matter.create(tmp.resolve("matter"), "t", null, null)) {
            ImportService svc = service(m);
            ImportService.Report r = svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            List<DocumentSummary> docs = new DocumentRepository(m.db()).listAll();
            assertThat(docs).extracting(DocumentSummary::fileName).containsExactlyInAnyOrder("a.pdf", "b.txt", "c.docx", "d");
            assertThat(docs).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
                assertThat(d.error()).containsIgnoringCase("empty");
            });
            assertThat(r.summary().count("failed")).isEqualTo(4);
            assertThat(r.summary().duplicates()).isEmpty();
        }
    }
}
