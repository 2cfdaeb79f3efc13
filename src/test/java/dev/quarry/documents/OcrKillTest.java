package dev.quarry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.JobStatus;
import dev.quarry.documents.ocr.PageImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code quarry import} with SIGKILL while it is reading a scan's pages by OCR, checks that the
 * matter reopens with every page either wholly stored (text, boxes, chunks) or still pending, resumes, and
 * compares with a clean import: no page read twice, none lost.
 */
class OcrKillTest {
    static final int PAGES = 10;
    @TempDir Path tmp;
    static dev.quarry.retrieval.HfTokenCounter tokens;

    @BeforeAll
    static void tokenizer() {
        tokens = new dev.quarry.retrieval.HfTokenCounter(dev.quarry.retrieval.ModelManifest.load(dev.quarry.retrieval.ModelManifest.DEFAULT_ID));
    }

    @AfterAll
    static void closeTokenizer() {
        tokens.close();
    }

    @Test
    void aKillDuringOcrResumesAtTheFirstPageNotStored() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 1; i <= PAGES; i++) {
            pages.add(PageImages.page(List.of("Page " + i + " of the deposition exhibit.",
                    "The witness described shipment number " + (100 + i) + " in detail.")));
        }
        PageImages.writeTiff(in.resolve("exhibit.tif"), pages, "LZW");
        Path matterDir = tmp.resolve("matter");
        try (Matter m = Matter.create(matterDir, "kill", null, null)) {
            // created and closed: the child process opens it
        }
        Path log = tmp.resolve("child.log");
        Process child = startImport(matterDir, in, log);
        Pattern read = Pattern.compile("\\[ocr \\d+\\] (\\d+)/" + PAGES + " pages");
        long deadline = System.currentTimeMillis() + 300_000;
        int seen = 0;
        while (child.isAlive() && seen < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            Matcher mt = read.matcher(Files.exists(log) ? Files.readString(log) : "");
            while (mt.find()) seen = Math.max(seen, Integer.parseInt(mt.group(1)));
        }
        assertThat(child.isAlive()).as("the child is still reading pages when killed (log: %s)", log).isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hooks
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long pendingAtKill;
        try (Matter m = Matter.open(matterDir, null)) {
            pendingAtKill = assertEveryPageWholeOrPending(m);
            // Three pages were reported stored; the database writes commits to disk up to WRITE_DELAY (200 ms) later,
            // so a kill may drop the newest one: it is pending again and read on resume, neither lost nor doubled.
            assertThat(pendingAtKill).as("pages left for the resume").isBetween(1L, (long) PAGES - 1);
            ImportService svc = new ImportService(m, Importers.defaults(), tokens, 2);
            List<Long> jobs = svc.resumableJobs();
            assertThat(jobs).hasSize(1);
            ImportService.Report r = svc.run(jobs.get(0), p -> {}, new CancelToken());
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            // Exactly the pages not stored before the kill are read now.
            assertThat(r.ocr().pagesRead()).isEqualTo(pendingAtKill);
            assertThat(assertEveryPageWholeOrPending(m)).isZero();
        }
        List<String> resumed, clean;
        long[] resumedTotals, cleanTotals;
        try (Matter m = Matter.open(matterDir, null)) {
            resumed = texts(m);
            resumedTotals = totals(m);
        }
        try (Matter m = Matter.create(tmp.resolve("clean"), "clean", null, null)) {
            ImportService svc = new ImportService(m, Importers.defaults(), tokens, 2);
            svc.run(svc.plan(List.of(in), null), p -> {}, new CancelToken());
            clean = texts(m);
            cleanTotals = totals(m);
        }
        assertThat(resumed).containsExactlyElementsOf(clean);
        assertThat(resumedTotals).containsExactly(cleanTotals);
        assertThat(resumed.get(PAGES - 1)).contains("Page " + PAGES + " of the deposition exhibit.");
    }

    private Process startImport(Path matterDir, Path in, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.models=" + System.getProperty("quarry.models"),
                "-Dquarry.home=" + tmp.resolve("home"),
                "dev.quarry.Main", "import", matterDir.toString(), in.toString(), "--keyword-only"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QUARRY_IMPORT_THREADS", "1");
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        return pb.start();
    }

    /** Checks every page is stored whole or pending with nothing of it stored; returns the pending count. */
    private static long assertEveryPageWholeOrPending(Matter m) {
        return m.db().withConnection(c -> {
            long pending = 0;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT p.page_number, p.ocr_state, LENGTH(p.text), "
                    + "p.layout IS NOT NULL, (SELECT COUNT(*) FROM chunks k WHERE k.document_id = p.document_id "
                    + "AND k.page_number = p.page_number) FROM pages p ORDER BY p.page_number")) {
                while (rs.next()) {
                    String state = rs.getString(2);
                    if ("pending".equals(state)) {
                        pending++;
                        assertThat(rs.getInt(3)).as("text of pending page %d", rs.getInt(1)).isZero();
                        assertThat(rs.getInt(5)).as("chunks of pending page %d", rs.getInt(1)).isZero();
                    } else {
                        assertThat(state).isEqualTo("done");
                        assertThat(rs.getInt(3)).isPositive();
                        assertThat(rs.getBoolean(4)).isTrue();
                        assertThat(rs.getInt(5)).as("chunks of page %d", rs.getInt(1)).isEqualTo(1);
                    }
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT d.chunk_count, (SELECT COUNT(*) FROM chunks k "
                    + "WHERE k.document_id = d.id), d.text_chars, (SELECT SUM(LENGTH(p.text)) FROM pages p WHERE p.document_id = d.id) "
                    + "FROM documents d")) {
                while (rs.next()) {
                    assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2));
                    assertThat(rs.getLong(3)).isEqualTo(rs.getLong(4));
                }
            }
            return pending;
        });
    }

    private static List<String> texts(Matter m) {
        DocumentRepository docs = new DocumentRepository(m.db());
        long id = docs.listAll().get(0).id();
        return docs.pages(id).stream().map(PageRecord::text).toList();
    }

    /** [documents, pages, chunks, sum of chunk lengths, completed documents, sum of doc_start_char] */
    private static long[] totals(Matter m) {
        return m.db().withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT "
                    + "(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM pages), (SELECT COUNT(*) FROM chunks), "
                    + "(SELECT COALESCE(SUM(LENGTH(text)), 0) FROM chunks), "
                    + "(SELECT COUNT(*) FROM documents WHERE status = 'completed'), (SELECT SUM(doc_start_char) FROM chunks)")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
            }
        });
    }
}
