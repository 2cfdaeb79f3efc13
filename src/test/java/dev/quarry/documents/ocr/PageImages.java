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
}
