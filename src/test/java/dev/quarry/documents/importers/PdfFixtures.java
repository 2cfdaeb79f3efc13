package dev.quarry.documents.importers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Builds small PDFs for the importer tests, with PDFBox itself. */
final class PdfFixtures {
    static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDType1Font TIMES = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
    static final PDType1Font COURIER = new PDType1Font(Standard14Fonts.FontName.COURIER);

    /** A word and where its baseline starts, measured from the page's top-left corner. */
    record Placed(String word, float x, float yFromTop) {}

    private PdfFixtures() {}

    /** Draws each word on its own, so the spaces between them exist only in the extracted text. */
    static void drawWords(PDDocument doc, PDPage page, PDType1Font font, float size, Iterable<Placed> words) throws IOException {
        float height = page.getMediaBox().getHeight();
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
            for (Placed w : words) {
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(w.x(), height - w.yFromTop());
                cs.showText(w.word());
                cs.endText();
            }
        }
    }

    /** Draws lines of text (with real space characters) from the top of the page down. */
    static void drawLines(PDDocument doc, PDPage page, PDType1Font font, float size, String... lines) throws IOException {
        float height = page.getMediaBox().getHeight();
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
            cs.beginText();
            cs.setFont(font, size);
            cs.setLeading(size * 1.4f);
            cs.newLineAtOffset(72, height - 72);
            for (String line : lines) {
                cs.showText(line);
                cs.newLine();
            }
            cs.endText();
        }
    }

    static PDPage textPage(PDDocument doc, String... lines) throws IOException {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        drawLines(doc, page, HELVETICA, 11, lines);
        return page;
    }

    /** A page that is only a picture, like a scanned sheet. */
    static PDPage imagePage(PDDocument doc) throws IOException {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        BufferedImage img = new BufferedImage(200, 260, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 260);
        g.setColor(Color.BLACK);
        g.drawString("Scanned words", 20, 40);
        g.dispose();
        PDImageXObject x = LosslessFactory.createFromImage(doc, img);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.drawImage(x, 36, 36, 540, 720);
        }
        return page;
    }

    static Path save(PDDocument doc, Path file) throws IOException {
        doc.save(file.toFile());
        doc.close();
        return file;
    }

    static Calendar calendar(int year, int month, int day) {
        Calendar c = Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
        c.clear();
        c.set(year, month - 1, day, 10, 30, 0);
        return c;
    }

    static Map<String, Placed> byWord(Placed... placed) {
        Map<String, Placed> m = new LinkedHashMap<>();
        for (Placed p : placed) m.put(p.word(), p);
        return m;
    }
}
