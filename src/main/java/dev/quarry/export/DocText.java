package dev.quarry.export;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** The text of an exported DOCX or PDF, read back as a recipient's program would: for checks and golden files. */
public final class DocText {
    private DocText() {}

    public static String of(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".pdf")) {
                try (PDDocument d = Loader.loadPDF(file.toFile())) {
                    PDFTextStripper s = new PDFTextStripper();
                    s.setSortByPosition(true);
                    return s.getText(d);
                }
            }
            try (InputStream in = Files.newInputStream(file); XWPFDocument d = new XWPFDocument(in);
                 XWPFWordExtractor x = new XWPFWordExtractor(d)) {
                return x.getText();
            }
        } catch (IOException e) {
            throw new QuarryException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Pages of a PDF (for checks that the footer counts them). */
    public static int pdfPages(Path file) {
        try (PDDocument d = Loader.loadPDF(file.toFile())) {
            return d.getNumberOfPages();
        } catch (IOException e) {
            throw new QuarryException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
