package dev.quarry.documents.render;

import java.awt.image.BufferedImage;

/** Draws a document's pages for the viewer at {@link PdfPageRenderer#SCALE} pixels per page unit (PDF point). */
public interface PageRenderer extends AutoCloseable {
    int pageCount();

    /** Page {@code pageNumber} (1-based). */
    BufferedImage render(int pageNumber);

    @Override
    void close();
}
