package dev.quarry.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * Writes XHTML as PDF (openhtmltopdf on PDFBox): the same HTML the preview shows, laid out by CSS paged
 * media, so the page size, margins and the "Page n of m" footer live in the style sheet
 * ({@link #LETTER_CSS}). Standard PDF fonts (Times): text extractable, nothing downloaded.
 */
public final class PdfWriter {
    static {
        // openhtmltopdf logs through java.util.logging to the console by default ("Prepare to fly."): its
        // messages go to the application's log instead, warnings kept, the chatter at debug.
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new Slf4jXrLogger());
    }

    /** openhtmltopdf's logger interface onto SLF4J. */
    private static final class Slf4jXrLogger implements com.openhtmltopdf.util.XRLogger {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("com.openhtmltopdf");

        @Override
        public void log(String where, java.util.logging.Level level, String msg) {
            log(where, level, msg, null);
        }

        @Override
        public void log(String where, java.util.logging.Level level, String msg, Throwable th) {
            if (level.intValue() >= java.util.logging.Level.SEVERE.intValue()) LOG.error("{}: {}", where, msg, th);
            else if (level.intValue() >= java.util.logging.Level.WARNING.intValue()) LOG.warn("{}: {}", where, msg, th);
            else LOG.debug("{}: {}", where, msg, th);
        }

        @Override
        public void setLevel(String logger, java.util.logging.Level level) {
            // Levels are the application's logging configuration's to set.
        }

        @Override
        public boolean isLogLevelEnabled(com.openhtmltopdf.util.Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() || LOG.isDebugEnabled();
        }
    }

    /** US Letter, one-inch margins, Times 12, block quotations indented, page numbers at the foot. */
    public static final String LETTER_CSS = """
            @page { size: 8.5in 11in; margin: 1in 1in 1in 1in;
                    @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: serif; font-size: 10pt; } }
            body { font-family: serif; font-size: 12pt; line-height: 1.3; }
            p { margin: 0 0 10pt 0; }
            h1 { font-size: 13pt; text-align: center; margin: 14pt 0 8pt 0; }
            h2, h3, h4 { font-size: 12pt; margin: 14pt 0 6pt 0; page-break-after: avoid; }
            h4 { font-style: italic; }
            blockquote { margin: 0 0.5in 10pt 0.5in; text-align: justify; }
            blockquote p { margin: 0 0 6pt 0; }
            ul, ol { margin: 0 0 10pt 0; padding-left: 0.4in; }
            li { margin-bottom: 4pt; }
            p.right { text-align: right; }
            p.center { text-align: center; }
            hr { border: none; border-top: 1px solid #000; }
            """;

    private PdfWriter() {}

    public static void write(String xhtml, Path out) {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                write(xhtml, os);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
            throw new QuarryException("Could not write " + out + ": " + e.getMessage(), e);
        }
    }

    public static void write(String xhtml, OutputStream os) throws IOException {
        org.w3c.dom.Document w3c = new W3CDom().fromJsoup(Jsoup.parse(xhtml));
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withW3cDocument(w3c, null);
        b.toStream(os);
        b.run();
    }
}
