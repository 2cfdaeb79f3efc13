package dev.quarry.documents.ocr;

import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * OCR speed and accuracy on real scans (`quarry bench ocr`): the PDFs' pages rendered once at 300 dpi grey (timed
 * apart), then read by Tesseract on 1, 2, … threads, one TessBaseAPI each; pages per second by wall clock after a
 * warm-up page per thread. With a reference PDF (the same document with a text layer), word accuracy per page:
 * 1 − word edit distance / reference words, words being runs of letters and digits, lower-cased.
 */
public final class OcrBench {
    private OcrBench() {}

    public static Map<String, Object> run(List<Path> pdfs, List<Integer> threadCounts, Path reference, int repeat, String languages)
            throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        long r0 = System.nanoTime();
        for (Path pdf : pdfs) {
            try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
                PDFRenderer renderer = new PDFRenderer(d);
                for (int i = 0; i < d.getNumberOfPages(); i++) pages.add(renderer.renderImageWithDPI(i, 300, ImageType.GRAY));
            }
        }
        double renderSeconds = (System.nanoTime() - r0) / 1e9;
        if (pages.isEmpty()) throw new QuarryException("The PDFs have no pages to read.");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", pdfs.stream().map(Path::toString).toList());
        out.put("pages", pages.size());
        out.put("dpi", 300);
        out.put("image", pages.get(0).getWidth() + "x" + pages.get(0).getHeight());
        out.put("render_seconds_per_page", round(renderSeconds / pages.size()));
        out.put("omp_thread_limit", System.getenv("OMP_THREAD_LIMIT"));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> texts = null;
        try (OcrEngine engine = OcrEngine.open(languages)) {
            out.put("engine", engine.toString());
            for (int threads : threadCounts) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    // Warm-up: every thread makes its TessBaseAPI and reads a page before the clock starts.
                    List<Future<OcrText>> warm = new ArrayList<>();
                    for (int t = 0; t < threads; t++) warm.add(pool.submit(() -> engine.recognize(pages.get(0), 300, 0, new CancelToken())));
                    for (Future<OcrText> f : warm) f.get();
                    long cpu0 = cpuNanos();
                    long t0 = System.nanoTime();
                    List<Future<OcrText>> all = new ArrayList<>();
                    for (int k = 0; k < repeat; k++) {
                        for (BufferedImage p : pages) all.add(pool.submit(() -> engine.recognize(p, 300, 0, new CancelToken())));
                    }
                    List<String> read = new ArrayList<>();
                    double conf = 0;
                    for (Future<OcrText> f : all) {
                        OcrText t = f.get();
                        if (read.size() < pages.size()) {
                            read.add(t.text());
                            conf += t.confidence() == null ? 0 : t.confidence();
                        }
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double cpu = (cpuNanos() - cpu0) / 1e9;
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("threads", threads);
                    r.put("pages_read", all.size());
                    r.put("seconds", round(secs));
                    r.put("pages_per_second", round(all.size() / secs));
                    r.put("seconds_per_page", round(secs / all.size()));
                    r.put("cpu_seconds", round(cpu));
                    // The machine's other load does not inflate this one: what a page costs a core.
                    r.put("pages_per_cpu_second", round(all.size() / cpu));
                    r.put("mean_confidence", round(conf / pages.size()));
                    runs.add(r);
                    if (texts == null) texts = read;
                } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                    throw new QuarryException("OCR failed during the benchmark.", e);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        out.put("runs", runs);
        if (reference != null && texts != null) {
            List<Map<String, Object>> acc = new ArrayList<>();
            long errors = 0, words = 0;
            try (PDDocument d = Loader.loadPDF(reference.toFile())) {
                PDFTextStripper s = new PDFTextStripper();
                for (int i = 0; i < texts.size() && i < d.getNumberOfPages(); i++) {
                    s.setStartPage(i + 1);
                    s.setEndPage(i + 1);
                    List<String> ref = words(s.getText(d));
                    List<String> got = words(texts.get(i));
                    int e = editDistance(got, ref);
                    errors += e;
                    words += ref.size();
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("page", i + 1);
                    p.put("reference_words", ref.size());
                    p.put("ocr_words", got.size());
                    p.put("word_errors", e);
                    p.put("word_accuracy", round(ref.isEmpty() ? 1 : 1 - (double) e / ref.size()));
                    acc.add(p);
                }
            }
            out.put("reference", reference.toString());
            out.put("word_accuracy", round(words == 0 ? 1 : 1 - (double) errors / words));
            out.put("accuracy_by_page", acc);
        }
        return out;
    }

    /** Runs of letters and digits, lower-cased: the words compared (punctuation and spacing are not). */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** Word-level Levenshtein distance: insertions, deletions and substitutions to turn {@code a} into {@code b}. */
    public static int editDistance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1], cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    private static long cpuNanos() {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
