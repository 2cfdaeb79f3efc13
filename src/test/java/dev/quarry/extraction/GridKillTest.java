package dev.quarry.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code quarry grid run --all} child process with SIGKILL mid-run, twice, and checks that the matter
 * reopens with the run interrupted, every stored cell whole and unique, and that resuming stores exactly the cells
 * missing: no duplicate, none lost.
 */
class GridKillTest {
    @TempDir Path tmp;

    @Test
    void aKilledRunResumesWithNoDuplicateAndNoLostCell() throws Exception {
        Path dir;
        long gridId;
        long runId;
        try (Matter m = GridFixture.matter(tmp, 12)) {
            dir = m.dir();
            GridService grids = new GridService(m, null);
            Grid g = grids.create(new GridService.NewGrid("Kill", null, null, DocumentSet.all(), GridFixture.variables(), null));
            gridId = g.id();
            new GridRunner(grids, GridFixture.engine(m), 1).run(grids.plan(g.id(), GridService.RunRequest.sample(1, true)).id(), p -> {}, new CancelToken());
            runId = grids.plan(g.id(), GridService.RunRequest.all(true)).id();
        }
        int kills = 0;
        long before = 0;
        for (int round = 0; round < 2; round++) {
            Path log = tmp.resolve("child-" + round + ".log");
            Process child = start(dir, gridId, log);
            // Wait until the child reports a few more cells than were there (its progress line on stderr).
            long deadline = System.currentTimeMillis() + 120_000;
            while (child.isAlive() && lastCount(log) < before + 6 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            if (!child.isAlive()) break;
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            try (Matter m = Matter.open(dir, null)) {
                GridService grids = new GridService(m, null);
                GridRun run = grids.unfinished(gridId, RunKind.FULL).orElseThrow();
                assertThat(run.id()).isEqualTo(runId);
                assertThat(run.jobStatus()).isEqualTo(JobStatus.INTERRUPTED);
                assertThat(run.cellsDone()).isGreaterThanOrEqualTo(before).isLessThan(48);
                before = run.cellsDone();
                assertUnique(grids.repository().cellsOfRun(runId));
                assertThat(grids.grid(gridId).status()).isEqualTo(GridStatus.PROCESSING);
            }
        }
        assertThat(kills).as("killed mid-run at least once").isPositive();
        try (Matter m = Matter.open(dir, null)) {
            GridService grids = new GridService(m, null);
            RegexEvidence engine = GridFixture.engine(m);
            GridRunner.Report r = new GridRunner(grids, engine, 2).run(runId, p -> {}, new CancelToken());
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(r.cellsDone()).isEqualTo(48);
            assertThat(engine.calls.get()).as("only the missing cells were asked").isEqualTo(48 - (int) before);
            List<Cell> cells = grids.repository().cellsOfRun(runId);
            assertUnique(cells);
            assertThat(cells).hasSize(48);
            assertThat(grids.grid(gridId).status()).isEqualTo(GridStatus.COMPLETE);
        }
    }

    private static void assertUnique(List<Cell> cells) {
        Set<String> keys = new HashSet<>();
        for (Cell c : cells) assertThat(keys.add(c.documentId() + ":" + c.variableId())).isTrue();
    }

    /** The last "N/48 cells" the child's progress line reported, or -1. */
    static long lastCount(Path log) {
        try {
            String s = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/48 cells").matcher(s);
            long last = -1;
            while (m.find()) last = Long.parseLong(m.group(1));
            return last;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private Process start(Path dir, long gridId, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"), "-Dquarry.home=" + tmp.resolve("home"),
                GridKillChild.class.getName(), "grid", "run", dir.toString(), String.valueOf(gridId), "--all", "--offline", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }
}
