package dev.quarry.documents.render;

import dev.quarry.core.BlobStore;
import dev.quarry.core.QuarryException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the pages of an image document (TIFF / PNG / JPEG, a production's page images) for the viewer, at
 * {@link PdfPageRenderer#SCALE} pixels per page unit, so that OCR word boxes (in the same units) fall on the
 * words as they do on a PDF page. Slow: call it off the FX thread.
 */
public final class ImagePageRenderer implements PageRenderer {
    private static final int CACHE_PAGES = 6;
    private final ScanPages pages;
    private final int pageCount;
    private final Map<Integer, BufferedImage> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, BufferedImage> eldest) {
            return size() > CACHE_PAGES;
        }
    };

    public ImagePageRenderer(String mediaType, BlobStore blobs, String sha256, int pageCount) {
        try {
            this.pages = ScanPages.open(mediaType, blobs, sha256);
        } catch (IOException e) {
            throw new QuarryException("The page images could not be opened for viewing.", e);
        }
        this.pageCount = pageCount;
    }

    @Override
    public synchronized int pageCount() {
        return pageCount;
    }

    @Override
    public synchronized BufferedImage render(int pageNumber) {
        BufferedImage cached = cache.get(pageNumber);
        if (cached != null) return cached;
        try {
            ScanPages.Page p = pages.page(pageNumber);
            double s = PdfPageRenderer.SCALE * p.unitsPerPixel();
            int w = Math.max(1, (int) Math.round(p.image().getWidth() * s)), h = Math.max(1, (int) Math.round(p.image().getHeight() * s));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.drawImage(p.image(), 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            cache.put(pageNumber, out);
            return out;
        } catch (IOException | RuntimeException e) {
            throw new QuarryException("Page " + pageNumber + " could not be drawn.", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            pages.close();
        } catch (IOException e) {
            // closing a read-only original loses nothing
        }
    }
}
