package dev.quarry.documents.importers;

import java.io.File;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The benchmark baseline: PDFBox's plain text extraction, page by page, with nothing stored. {@code quarry
 * bench import --baseline} runs it over the same files in the same run, so the import's speed can be
 * given as a ratio that does not depend on how busy the machine is.
 */
public final class PdfBaseline {
    private PdfBaseline() {}

    /** Extracts every page's text; returns the number of pages read (0 when the file cannot be read). */
    public static int extract(File pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            int pages = doc.getNumberOfPages();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                stripper.getText(doc);
            }
            return pages;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
