package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code quarry import} child process with SIGKILL in the middle of an import, several
 * times, and checks after each kill that the matter reopens consistent; then resumes to the end and
 * compares with a clean import of the same files.
 */
class ImportKillTest {
    @TempDir Path tmp;

    /** The child process chunks with the real tokenizer; so must the in-process resume and the clean import. */
    static dev.quarry.retrieval.HfTokenCounter tokens;

    @org.junit.jupiter.api.BeforeAll
    static void tokenizer() {
        tokens = new dev.quarry.retrieval.HfTokenCounter(dev.quarry.retrieval.ModelManifest.load(dev.quarry.retrieval.ModelManifest.DEFAULT_ID));
    }

    @org.junit.jupiter.api.AfterAll
    static void closeTokenizer() {
        tokens.close();
    }

    @Test
    void killedImportsReopenConsistentAndResumeToTheSameResult() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("production"));
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < 60 + (i % 7) * 20; s++) {
                sb.append("Document ").append(i).append(" sentence ").append(s)
                        .append(" concerns the supply agreement and its termination for convenience. ");
                if (s % 9 == 8) sb.append("\n\n");
            }
            Files.writeString(in.resolve(String.format("doc-%03d.txt", i)), sb.toString());
        }
        Path matterDir = tmp.resolve("matter");
        try (Matter m = Matter.create(matterDir, "kill test", null, null)) {
            // created and closed: the child process opens it
        }

        int kills = 0;
        for (long waitForBlobs : new long[] {15, 70, 130}) {
            Process child = startImport(matterDir, in);
            long deadline = System.currentTimeMillis() + 120_000;
            while (child.isAlive() && blobCount(matterDir) < waitForBlobs && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            if (!child.isAlive()) break; // finished before we could kill it: nothing left to test this round
            if (kills == 0) {
                // While another process holds the matter, opening it says so in one sentence.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Matter.open(matterDir, null))
                        .hasMessage("This matter is open in another Quarry window or process; close it there first.");
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            try (Matter m = Matter.open(matterDir, null)) {
                assertConsistent(m);
            }
        }
        assertThat(kills).as("the child was killed mid-import at least twice").isGreaterThanOrEqualTo(2);

        // Resume to the end in this process (what the next `quarry import` or app start does).
        try (Matter m = Matter.open(matterDir, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), tokens, 2);
            List<Long> jobs = svc.resumableJobs();
            assertThat(jobs).isNotEmpty();
            for (long job : jobs) assertThat(svc.run(job, p -> {}, new CancelToken()).status()).isEqualTo(JobStatus.COMPLETED);
            assertConsistent(m);
        }

        // Compare with a clean import of the same files.
        long[] resumed, clean;
        try (Matter m = Matter.open(matterDir, null)) {
            resumed = totals(m);
        }
        try (Matter m = Matter.create(tmp.resolve("clean"), "clean", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), tokens, 2);
            svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            clean = totals(m);
        }
        assertThat(resumed).containsExactly(clean);
        assertThat(resumed[0]).isEqualTo(200);
    }

    private Process startImport(Path matterDir, Path in) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"),
                "-Dquarry.home=" + tmp.resolve("home"),
                "dev.quarry.Main", "import", matterDir.toString(), in.toString(), "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("QUARRY_IMPORT_THREADS", "1");
        return pb.start();
    }

    static long blobCount(Path matterDir) throws Exception {
        Path files = matterDir.resolve("files");
        if (!Files.isDirectory(files)) return 0;
        try (Stream<Path> s = Files.walk(files)) {
            return s.filter(p -> p.getFileName().toString().length() == 64).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a temporary file vanished mid-walk (the child renamed it): look again next time
        }
    }

    /** [documents, pages, chunks, sum of chunk lengths, completed documents] */
    private static long[] totals(Matter m) {
        return m.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT "
                    + "(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM pages), (SELECT COUNT(*) FROM chunks), "
                    + "(SELECT COALESCE(SUM(LENGTH(text)), 0) FROM chunks), "
                    + "(SELECT COUNT(*) FROM documents WHERE status = 'completed')")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
            }
        });
    }

    static void assertConsistent(Matter m) {
        m.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT d.id, d.status, d.page_count, d.chunk_count, "
                            + "(SELECT COUNT(*) FROM pages p WHERE p.document_id = d.id), "
                            + "(SELECT COUNT(*) FROM chunks k WHERE k.document_id = d.id), "
                            + "(SELECT COUNT(*) FROM job_items i WHERE i.document_id = d.id AND i.status = 'done') "
                            + "FROM documents d")) {
                while (rs.next()) {
                    String status = rs.getString(2);
                    assertThat(status).as("document %d status", rs.getLong(1)).isNotIn("pending", "processing");
                    assertThat(rs.getInt(5)).as("pages of %d", rs.getLong(1)).isEqualTo(rs.getInt(3));
                    assertThat(rs.getInt(6)).as("chunks of %d", rs.getLong(1)).isEqualTo(rs.getInt(4));
                    assertThat(rs.getInt(7)).as("a done item for %d", rs.getLong(1)).isGreaterThanOrEqualTo(1);
                    if (status.equals("completed")) assertThat(rs.getInt(4)).isPositive();
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM job_items WHERE status = 'done' AND document_id IS NOT NULL "
                            + "AND document_id NOT IN (SELECT id FROM documents)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("done items pointing at missing documents").isZero();
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
            }
            return null;
        });
        // No stray temporary files after reopening.
        try (Stream<Path> s = Files.list(m.blobs().root())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("incoming-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
