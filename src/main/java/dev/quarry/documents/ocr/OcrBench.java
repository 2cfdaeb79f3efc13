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
 * OCR speed and accuracy on real scans (`quarry bench ocr`): the PDFs' pages rendered once at {@code dpi} grey
 * (300 unless told; timed apart), then read by Tesseract on 1, 2, … threads, one TessBaseAPI each; pages per second
 * by wall clock after a warm-up page per thread. Word accuracy per page, 1 − word edit distance / reference words
 * (words being runs of letters and digits, lower-cased), against either a reference PDF (the same document with a
 * text layer, page for page) or, with {@code ownTextLayer}, each page's own text layer: PDFs that have text are
 * rendered to images, OCRed, and the OCR compared with what their text layer says.
 */
public final class OcrBench {
    private OcrBench() {}

    /**
     * What to run. {@code page} (1-based) reads only that page of each PDF, 0 every page; {@code reference} and
     * {@code ownTextLayer} exclude each other.
     */
    public record Options(List<Integer> threadCounts, Path reference, boolean ownTextLayer, int repeat, String languages, int dpi, int page) {
        public Options {
            threadCounts = List.copyOf(threadCounts);
            if (threadCounts.isEmpty() || threadCounts.stream().anyMatch(t -> t < 1)) throw new IllegalArgumentException("thread counts must be 1 or more");
            if (repeat < 1) throw new IllegalArgumentException("repeat must be 1 or more");
            if (dpi < 50 || dpi > 1200) throw new IllegalArgumentException("dpi must be between 50 and 1200");
            if (page < 0) throw new IllegalArgumentException("page must be 1 or more (0: every page)");
            if (reference != null && ownTextLayer) throw new IllegalArgumentException("a reference PDF and the pages' own text layer exclude each other");
        }
    }

    /** One rendered page: where it came from, its image and (own-text-layer mode) what its text layer says. */
    private record Page(Path pdf, int number, BufferedImage image, String layer) {}

    public static Map<String, Object> run(List<Path> pdfs, List<Integer> threadCounts, Path reference, int repeat, String languages)
            throws IOException {
        return run(pdfs, new Options(threadCounts, reference, false, repeat, languages, 300, 0));
    }

    public static Map<String, Object> run(List<Path> pdfs, Options o) throws IOException {
        List<Page> pages = new ArrayList<>();
        long r0 = System.nanoTime();
        for (Path pdf : pdfs) {
            try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
                PDFRenderer renderer = new PDFRenderer(d);
                int n = d.getNumberOfPages();
                if (o.page() > n) throw new QuarryException(pdf + " has " + n + " pages, no page " + o.page() + ".");
                int from = o.page() == 0 ? 0 : o.page() - 1, to = o.page() == 0 ? n : o.page();
                for (int i = from; i < to; i++) {
                    pages.add(new Page(pdf, i + 1, renderer.renderImageWithDPI(i, o.dpi(), ImageType.GRAY), o.ownTextLayer() ? layerText(d, i + 1) : null));
                }
            }
        }
        double renderSeconds = (System.nanoTime() - r0) / 1e9;
        if (pages.isEmpty()) throw new QuarryException("The PDFs have no pages to read.");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", pdfs.stream().map(Path::toString).toList());
        out.put("pages", pages.size());
        if (o.page() > 0) out.put("page_of_each_file", o.page());
        out.put("dpi", o.dpi());
        out.put("image", pages.get(0).image().getWidth() + "x" + pages.get(0).image().getHeight());
        out.put("render_seconds_per_page", round(renderSeconds / pages.size()));
        out.put("omp_thread_limit", System.getenv("OMP_THREAD_LIMIT"));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        List<Map<String, Object>> runs = new ArrayList<>();
        List<String> texts = null;
        int dpi = o.dpi();
        try (OcrEngine engine = OcrEngine.open(o.languages())) {
            out.put("engine", engine.toString());
            for (int threads : o.threadCounts()) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    // Warm-up: every thread makes its TessBaseAPI and reads a page before the clock starts.
                    List<Future<OcrText>> warm = new ArrayList<>();
                    for (int t = 0; t < threads; t++) warm.add(pool.submit(() -> engine.recognize(pages.get(0).image(), dpi, 0, new CancelToken())));
                    for (Future<OcrText> f : warm) f.get();
                    long cpu0 = cpuNanos();
                    long t0 = System.nanoTime();
                    List<Future<OcrText>> all = new ArrayList<>();
                    for (int k = 0; k < o.repeat(); k++) {
                        for (Page p : pages) all.add(pool.submit(() -> engine.recognize(p.image(), dpi, 0, new CancelToken())));
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
        List<String> refs = null;
        if (o.ownTextLayer()) {
            refs = pages.stream().map(Page::layer).toList();
            out.put("reference", "own text layer");
        } else if (o.reference() != null) {
            refs = new ArrayList<>();
            try (PDDocument d = Loader.loadPDF(o.reference().toFile())) {
                for (int i = 0; i < pages.size() && i < d.getNumberOfPages(); i++) refs.add(layerText(d, i + 1));
            }
            out.put("reference", o.reference().toString());
        }
        if (refs != null && texts != null) {
            List<Map<String, Object>> acc = new ArrayList<>();
            long errors = 0, words = 0;
            for (int i = 0; i < texts.size() && i < refs.size(); i++) {
                List<String> ref = words(refs.get(i));
                List<String> got = words(texts.get(i));
                int e = editDistance(got, ref);
                errors += e;
                words += ref.size();
                Map<String, Object> p = new LinkedHashMap<>();
                if (o.ownTextLayer() || pdfs.size() > 1) p.put("file", pages.get(i).pdf().toString());
                p.put("page", pages.get(i).number());
                p.put("reference_words", ref.size());
                p.put("ocr_words", got.size());
                p.put("word_errors", e);
                p.put("word_accuracy", round(ref.isEmpty() ? 1 : 1 - (double) e / ref.size()));
                acc.add(p);
            }
            out.put("reference_words", words);
            out.put("word_errors", errors);
            out.put("word_accuracy", round(words == 0 ? 1 : 1 - (double) errors / words));
            out.put("accuracy_by_page", acc);
        }
        return out;
    }

    /** A page's text layer as PDFBox extracts it (1-based page). */
    private static String layerText(PDDocument d, int page) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setStartPage(page);
        s.setEndPage(page);
        return s.getText(d);
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
