package dev.quarry.documents.ocr;

import dev.quarry.core.AppDirs;
import dev.quarry.core.QuarryException;
import dev.quarry.core.jobs.CancelToken;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tesseract.CANCEL_FUNC;
import org.bytedeco.tesseract.ETEXT_DESC;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract 5.5 (LSTM engine) through the JavaCPP presets: the native libraries come in the classifier jars
 * for Linux, macOS and Windows and are unpacked once into Quarry's data folder ({@link AppDirs#nativeCache()}).
 *
 * <p>Thread-safe: every call borrows a {@code TessBaseAPI} of its own (one per thread at a time; Tesseract's
 * objects must not be shared) and gives it back; at most as many exist as threads have called at once.
 * Tesseract's own OpenMP threads are best off at one ({@code OMP_THREAD_LIMIT=1}, set by the launcher): pages
 * in parallel scale, threads inside one page were slower here (docs/adr/0011-ocr.md).
 */
public final class OcrEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcrEngine.class);

    private final Path tessdata;
    private final String languages;
    private final ConcurrentLinkedQueue<TessBaseAPI> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * An engine for these languages ("eng", or "eng+deu"), each checked against its manifest in the models
     * folder; throws a {@link QuarryException} with a sentence when a language or the native library is missing.
     */
    public static OcrEngine open(Path modelsDir, String languages) {
        String langs = languages == null || languages.isBlank() ? "eng" : languages.strip();
        Path dir = null;
        for (String l : langs.split("\\+")) {
            Path f = OcrLanguage.load(modelsDir, l.strip()).path(modelsDir).getParent();
            if (dir != null && !dir.equals(f)) throw new QuarryException("The OCR languages " + langs + " are not in one folder.");
            dir = f;
        }
        loadNatives();
        OcrEngine e = new OcrEngine(dir, langs);
        e.give(e.borrow()); // fail now, with a sentence, rather than on the first page
        return e;
    }

    public static OcrEngine open(String languages) {
        return open(AppDirs.models(), languages);
    }

    private OcrEngine(Path tessdata, String languages) {
        this.tessdata = tessdata;
        this.languages = languages;
    }

    public String languages() {
        return languages;
    }

    private static volatile boolean loaded;

    /** Unpacks and loads the native libraries, into Quarry's cache unless the JavaCPP cache was set elsewhere. */
    static synchronized void loadNatives() {
        if (loaded) return;
        if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", AppDirs.nativeCache().toString());
        }
        if (System.getenv("OMP_THREAD_LIMIT") == null) {
            log.info("OMP_THREAD_LIMIT is not set; bin/quarry sets it to 1 (one thread per page is fastest)");
        }
        try {
            org.bytedeco.javacpp.Loader.load(tesseract.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new QuarryException("The OCR engine (Tesseract) could not be loaded on this system ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ").", e);
        }
        loaded = true;
    }

    private TessBaseAPI borrow() {
        if (closed) throw new QuarryException("The OCR engine is closed.");
        TessBaseAPI api = idle.poll();
        if (api != null) return api;
        api = new TessBaseAPI();
        if (api.Init(tessdata.toString(), languages, tesseract.OEM_LSTM_ONLY) != 0) {
            api.close();
            throw new QuarryException("Tesseract could not load the OCR language data " + languages + " from " + tessdata + ".");
        }
        api.SetPageSegMode(tesseract.PSM_AUTO);
        // No debug files or stdout chatter from the library.
        api.SetVariable("debug_file", "/dev/null");
        return api;
    }

    private void give(TessBaseAPI api) {
        api.Clear();
        if (closed) end(api); else idle.add(api);
    }

    /**
     * Reads one page image. {@code dpi} is the image's resolution (Tesseract sizes its expectations by it);
     * {@code timeoutMillis} the page's time limit (0: none); {@code cancel} stops the page between words.
     */
    public OcrText recognize(BufferedImage image, int dpi, long timeoutMillis, CancelToken cancel) {
        byte[] grey = grey(image);
        int w = image.getWidth(), h = image.getHeight();
        TessBaseAPI api = borrow();
        try (ETEXT_DESC monitor = new ETEXT_DESC(); Cancel canceller = new Cancel(cancel)) {
            api.SetImage(grey, w, h, 1, w);
            api.SetSourceResolution(dpi);
            if (timeoutMillis > 0) monitor.set_deadline_msecs((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            monitor.cancel(canceller);
            int rc = api.Recognize(monitor);
            cancel.throwIfCancelled();
            boolean timedOut = timeoutMillis > 0 && monitor.deadline_exceeded();
            if (rc != 0 && !timedOut) throw new QuarryException("Tesseract could not read the page image.");
            return read(api, w, h, timedOut);
        } finally {
            give(api);
        }
    }

    /** Tesseract asks this between words whether to stop: the job's Cancel. */
    private static final class Cancel extends CANCEL_FUNC {
        private final CancelToken token;

        Cancel(CancelToken token) {
            this.token = token;
        }

        @Override
        public boolean call(Pointer cancelThis, int words) {
            return token.isCancelled();
        }
    }

    private static OcrText read(TessBaseAPI api, int w, int h, boolean timedOut) {
        StringBuilder text = new StringBuilder();
        List<OcrText.Word> words = new ArrayList<>();
        double confSum = 0;
        long confChars = 0;
        ResultIterator it = api.GetIterator();
        if (it != null) {
            try (it) {
                it.Begin();
                int[] l = new int[1], t = new int[1], r = new int[1], b = new int[1];
                do {
                    BytePointer p = it.GetUTF8Text(tesseract.RIL_WORD);
                    if (p == null) continue;
                    String word;
                    try {
                        word = p.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
                    } finally {
                        tesseract.TessDeleteText(p);
                    }
                    if (word.isEmpty()) continue;
                    if (text.length() > 0) {
                        if (it.IsAtBeginningOf(tesseract.RIL_PARA)) text.append("\n\n");
                        else if (it.IsAtBeginningOf(tesseract.RIL_TEXTLINE)) text.append('\n');
                        else text.append(' ');
                    }
                    int start = text.length();
                    text.append(word);
                    float conf = Math.max(0f, Math.min(100f, it.Confidence(tesseract.RIL_WORD))) / 100f;
                    it.BoundingBox(tesseract.RIL_WORD, l, t, r, b);
                    words.add(new OcrText.Word(start, text.length(), l[0], t[0], r[0] - l[0], b[0] - t[0], conf));
                    confSum += conf * word.length();
                    confChars += word.length();
                } while (it.Next(tesseract.RIL_WORD));
            }
        }
        Float confidence = confChars == 0 ? null : (float) (confSum / confChars);
        return new OcrText(text.toString(), words, confidence, w, h, timedOut);
    }

    /** The image as 8-bit grey, one byte per pixel, rows packed (what SetImage with one byte per pixel reads). */
    static byte[] grey(BufferedImage image) {
        BufferedImage g = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            g = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D gr = g.createGraphics();
            try {
                gr.setColor(java.awt.Color.WHITE);
                gr.fillRect(0, 0, image.getWidth(), image.getHeight());
                gr.drawImage(image, 0, 0, null);
            } finally {
                gr.dispose();
            }
        }
        byte[] data = ((DataBufferByte) g.getRaster().getDataBuffer()).getData();
        int stride = g.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel cs ? cs.getScanlineStride() : g.getWidth();
        if (stride == g.getWidth() && data.length == g.getWidth() * g.getHeight()) return data;
        byte[] packed = new byte[g.getWidth() * g.getHeight()];
        for (int y = 0; y < g.getHeight(); y++) System.arraycopy(data, y * stride, packed, y * g.getWidth(), g.getWidth());
        return packed;
    }

    private static void end(TessBaseAPI api) {
        api.End();
        api.close();
    }

    @Override
    public void close() {
        closed = true;
        TessBaseAPI api;
        while ((api = idle.poll()) != null) end(api);
    }

    @Override
    public String toString() {
        return "Tesseract " + tesseract.TessVersion().getString() + " (" + languages + ")";
    }
}
