package dev.quarry.documents.importers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.documents.BatesDetector;
import dev.quarry.documents.DocumentStatus;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.ParsedPage;
import dev.quarry.testing.TestImports;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a timed assertion: pages per second of the PDF importer alone over the CUAD contracts
 * and the long filings, on one thread and on two, next to PDFBox's bare per-page text extraction.
 * Also counts Bates stamps found on pages that carry none (CUAD exhibits and 10-K filings), i.e.
 * false positives. Output: target/surefire-reports/…PdfThroughputCorpusTest-output.txt.
 */
@Tag("corpus")
class PdfThroughputCorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("quarry.corpus", "../shared/corpus"));

    @Test
    void measurePagesPerSecond() throws Exception {
        List<Path> files = new ArrayList<>(PdfCorpusTest.pdfs(CORPUS.resolve("cuad/pdf")));
        files.addAll(PdfCorpusTest.pdfs(CORPUS.resolve("long")));
        assertThat(files).hasSizeGreaterThan(120);
        PdfImporter importer = new PdfImporter();

        // Warm-up: JIT and PDFBox's font caches, so the first measured file is not charged for them.
        for (Path f : files.subList(0, 10)) TestImports.parse(importer, f);

        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long bareCpu = cpu.getCurrentThreadCpuTime();
        long bareStart = System.nanoTime();
        long barePages = 0;
        for (Path f : files) barePages += bareExtraction(f);
        double bareSecs = (System.nanoTime() - bareStart) / 1e9;
        double bareCpuSecs = (cpu.getCurrentThreadCpuTime() - bareCpu) / 1e9;
        long oneCpu = cpu.getCurrentThreadCpuTime();
        List<String> slowest = new ArrayList<>();

        long oneStart = System.nanoTime();
        long pages = 0, stamped = 0;
        for (Path f : files) {
            long t0 = System.nanoTime();
            ParsedDocument d = TestImports.parse(importer, f).document();
            double secs = (System.nanoTime() - t0) / 1e9;
            slowest.add(String.format(Locale.ROOT, "%8.1f s %5d pages  %s", secs, d.pages().size(), f.getFileName()));
            assertThat(d.status()).as(f.toString()).isEqualTo(DocumentStatus.COMPLETED);
            assertThat(d.pages()).isNotEmpty();
            pages += d.pages().size();
            for (ParsedPage p : d.pages()) {
                String b = p.bates() != null ? p.bates() : BatesDetector.detect(p.text());
                if (b != null) {
                    stamped++;
                    if (stamped <= 10) System.out.println("  stamp? " + b + "  in " + f.getFileName() + " p" + p.number());
                }
            }
        }
        double oneSecs = (System.nanoTime() - oneStart) / 1e9;
        double oneCpuSecs = (cpu.getCurrentThreadCpuTime() - oneCpu) / 1e9;
        slowest.sort(java.util.Comparator.reverseOrder());

        AtomicLong twoPages = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long twoStart = System.nanoTime();
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Path f : files) {
                jobs.add(pool.submit(() -> {
                    twoPages.addAndGet(TestImports.parse(importer, f).document().pages().size());
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdown();
        }
        double twoSecs = (System.nanoTime() - twoStart) / 1e9;

        System.out.printf(Locale.ROOT, "PDF throughput over %d files (CUAD + long), %d pages:%n", files.size(), pages);
        System.out.printf(Locale.ROOT, "  (load average at the end: %.1f on %d cores; CPU-time figures are what one free core would do)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  bare PDFBox per-page getText, 1 thread: %.1f s, %.0f pages/s wall; %.1f s CPU, %.0f pages/CPU-s%n",
                bareSecs, barePages / bareSecs, bareCpuSecs, barePages / bareCpuSecs);
        System.out.printf(Locale.ROOT, "  PdfImporter, 1 thread:                  %.1f s, %.0f pages/s wall; %.1f s CPU, %.0f pages/CPU-s%n",
                oneSecs, pages / oneSecs, oneCpuSecs, pages / oneCpuSecs);
        System.out.printf(Locale.ROOT, "  PdfImporter, 2 threads:                 %.1f s, %.0f pages/s%n", twoSecs, twoPages.get() / twoSecs);
        System.out.printf(Locale.ROOT, "  pages with a Bates stamp detected (none are stamped): %d of %d%n", stamped, pages);
        System.out.println("  slowest files (1 thread, wall):");
        slowest.stream().limit(8).forEach(l -> System.out.println("  " + l));
        assertThat(twoPages.get()).isEqualTo(pages);
    }

    /** What PDFBox alone does: a sorted stripper, one getText per page. */
    private static long bareExtraction(Path f) throws IOException {
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setSortByPosition(true);
            int n = doc.getNumberOfPages();
            for (int i = 1; i <= n; i++) {
                s.setStartPage(i);
                s.setEndPage(i);
                s.writeText(doc, new StringWriter());
            }
            return n;
        }
    }
}
