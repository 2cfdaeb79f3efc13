package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: Ctrl-C during a real {@code quarry import} child process cancels it cleanly: the process
 * says so and how to resume, exits 3, the job is marked cancelled with nothing half-stored, and
 * running the same command again resumes it with no file lost or imported twice.
 */
class ImportInterruptTest {
    static final int FILES = 300;

    @TempDir Path tmp;

    @Test
    void ctrlCCancelsCleanlyExitsThreeAndTheSameCommandResumes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("production"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(in.resolve(String.format("doc-%03d.txt", i)), "Document " + i
                    + " is about the supply agreement and notice of termination, clause " + i + ".\n");
        }
        Path matterDir = tmp.resolve("matter");
        try (Matter m = Matter.create(matterDir, "interrupt test", null, null)) {
            // created and closed: the child opens it
        }

        // With embedding running beside parsing, as a user's import does.
        Process child = start(matterDir, in, false);
        long deadline = System.currentTimeMillis() + 120_000;
        while (child.isAlive() && ImportKillTest.blobCount(matterDir) < 30 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("the import was still running when interrupted").isTrue();
        assertThat(sigintIgnored(child.pid())).as("SIGINT reaches the child").isFalse();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child stopped after Ctrl-C").isTrue();
        String out = Files.readString(tmp.resolve("child-1.log"));
        assertThat(child.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("Cancelling the import").doesNotContain("fatal error").contains("Import job 1 cancelled")
                .contains("To resume, run: quarry import " + matterDir + " " + in);

        long pendingAfterCancel;
        try (Matter m = Matter.open(matterDir, null)) {
            ImportKillTest.assertConsistent(m);
            assertThat(scalar(m, "SELECT status FROM jobs WHERE kind = 'import'")).isEqualTo("cancelled");
            // The embed job exists only once it had a chunk to embed (an empty run makes none); if it does, it
            // stopped with the import and resumes with it.
            assertThat(scalar(m, "SELECT COUNT(*) FROM jobs WHERE kind = 'embed' AND status <> 'interrupted'")).isEqualTo("0");
            pendingAfterCancel = Long.parseLong(scalar(m, "SELECT COUNT(*) FROM job_items WHERE status = 'pending'"));
            assertThat(pendingAfterCancel).as("files left for the resume").isPositive();
        }

        // The same command again resumes the cancelled job instead of planning every file anew.
        Process again = start(matterDir, in, true);
        assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out2 = Files.readString(tmp.resolve("child-2.log"));
        assertThat(again.exitValue()).as(out2).isZero();
        assertThat(out2).contains("Import job 1 completed: " + FILES + " files").contains(FILES + " completed");
        try (Matter m = Matter.open(matterDir, null)) {
            ImportKillTest.assertConsistent(m);
            assertThat(scalar(m, "SELECT COUNT(*) FROM jobs WHERE kind = 'import'")).isEqualTo("1");
            assertThat(scalar(m, "SELECT status FROM jobs WHERE kind = 'import'")).isEqualTo("completed");
            assertThat(scalar(m, "SELECT COUNT(*) FROM documents WHERE status = 'completed'")).isEqualTo(String.valueOf(FILES));
            assertThat(scalar(m, "SELECT COUNT(*) FROM document_sources")).as("one source per file").isEqualTo(String.valueOf(FILES));
            assertThat(scalar(m, "SELECT COUNT(*) FROM job_items WHERE duplicate OR status <> 'done'")).isEqualTo("0");
            assertThat(scalar(m, "SELECT COUNT(*) FROM audit_events WHERE event_type = 'import.cancelled'")).isEqualTo("1");
        }
    }

    private int runs;

    private Process start(Path matterDir, Path in, boolean keywordOnly) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"),
                "-Dquarry.home=" + tmp.resolve("home"),
                "dev.quarry.Main", "import", matterDir.toString(), in.toString(), "--quiet"));
        if (keywordOnly) cmd.add("--keyword-only");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child-" + (++runs) + ".log").toFile());
        pb.environment().put("QUARRY_IMPORT_THREADS", "1");
        return pb.start();
    }

    /** Whether the process ignores SIGINT (a shell's background job does): then Ctrl-C could not be tested. */
    private static boolean sigintIgnored(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
        }
        return false;
    }

    private static String scalar(Matter m, String sql) {
        return m.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
