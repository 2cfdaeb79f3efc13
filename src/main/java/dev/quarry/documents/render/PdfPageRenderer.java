package dev.quarry.documents.render;

import dev.quarry.core.QuarryException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders the pages of one PDF to images for the viewer, keeping the last few pages in a small LRU cache
 * (a page at 2x is ~10 MB of pixels, so a handful is enough for back-and-forth reading). PDFBox is not
 * thread-safe, so rendering is serialised. Slow: call it off the FX thread.
 */
public final class PdfPageRenderer implements PageRenderer {
    /** Rendered pixels per PDF point: 2 keeps text crisp at 100-200% zoom. */
    public static final float SCALE = 2f;
    private static final int CACHE_PAGES = 6;

    private final PDDocument document;
    private final PDFRenderer renderer;
    private final Map<Integer, BufferedImage> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, BufferedImage> eldest) {
            return size() > CACHE_PAGES;
        }
    };

    public PdfPageRenderer(Path pdf) {
        org.apache.pdfbox.io.RandomAccessReadBufferedFile in = null;
        try {
            // A file on disk is read as needed; a decrypted copy in memory (an encrypted matter's) is read
            // whole, so that its holder can discard it at once.
            boolean onDisk = pdf.getFileSystem() == java.nio.file.FileSystems.getDefault();
            this.document = onDisk ? Loader.loadPDF(in = new org.apache.pdfbox.io.RandomAccessReadBufferedFile(pdf))
                    : Loader.loadPDF(java.nio.file.Files.readAllBytes(pdf));
        } catch (IOException e) {
            org.apache.pdfbox.io.IOUtils.closeQuietly(in);
            throw new QuarryException("The PDF could not be opened for viewing.", e);
        }
        this.renderer = new PDFRenderer(document);
    }

    public synchronized int pageCount() {
        return document.getNumberOfPages();
    }

    /** Page {@code pageNumber} (1-based) at {@link #SCALE} pixels per point. */
    public synchronized BufferedImage render(int pageNumber) {
        BufferedImage cached = cache.get(pageNumber);
        if (cached != null) return cached;
        if (pageNumber < 1 || pageNumber > document.getNumberOfPages()) {
            throw new QuarryException("This PDF has no page " + pageNumber + ".");
        }
        try {
            BufferedImage img = renderer.renderImage(pageNumber - 1, SCALE, ImageType.RGB);
            cache.put(pageNumber, img);
            return img;
        } catch (IOException e) {
            throw new QuarryException("Page " + pageNumber + " of the PDF could not be drawn.", e);
        }
    }

    synchronized int cachedPages() {
        return cache.size();
    }

    @Override
    public synchronized void close() {
        try {
            document.close();
        } catch (IOException e) {
            // closing a read-only document loses nothing
        }
    }
}
