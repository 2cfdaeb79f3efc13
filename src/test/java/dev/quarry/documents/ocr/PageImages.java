package dev.quarry.documents.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Page images for OCR tests: lines of text drawn with Java2D on white, as a 300-dpi scan would show them. */
public final class PageImages {
    private PageImages() {}

    /** A letter-size page at 300 dpi scaled by {@code scale} (1: 2550 × 3300) with these lines in 12-point serif. */
    public static BufferedImage page(List<String> lines, double scale, int type) {
        int w = (int) (2550 * scale), h = (int) (3300 * scale);
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, (int) (50 * scale)));
            int y = (int) (300 * scale);
            for (String line : lines) {
                g.drawString(line, (int) (300 * scale), y);
                y += (int) (90 * scale);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public static BufferedImage page(List<String> lines) {
        return page(lines, 0.5, BufferedImage.TYPE_BYTE_GRAY);
    }

    /** Writes these pages as one TIFF: compression "LZW", "CCITT T.6" (G4, bilevel pages), "Deflate", … */
    public static void writeTiff(java.nio.file.Path file, List<BufferedImage> pages, String compression) throws java.io.IOException {
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            w.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                BufferedImage img = page;
                if (compression.startsWith("CCITT") && page.getType() != BufferedImage.TYPE_BYTE_BINARY) {
                    img = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
                    Graphics2D g = img.createGraphics();
                    g.drawImage(page, 0, 0, null);
                    g.dispose();
                }
                w.writeToSequence(new javax.imageio.IIOImage(img, null, null), param);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
    }

    /** Writes a PDF whose pages are only these images (a scan: no text layer), each filling a letter page. */
    public static void writeImagePdf(java.nio.file.Path file, List<BufferedImage> pages) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            for (BufferedImage img : pages) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.LETTER);
                doc.addPage(page);
                org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject x =
                        org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, img);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 0, 0, 612, 792);
                }
            }
            doc.save(file.toFile());
        }
    }
}
