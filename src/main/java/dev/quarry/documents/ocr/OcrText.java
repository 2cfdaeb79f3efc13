package dev.quarry.documents.ocr;

import dev.quarry.documents.PageLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * What OCR read on one page image: the text (words separated by spaces, lines by a line break, paragraphs
 * by an empty line), each word's place in that text and on the image (pixels from the top-left corner),
 * and the page's confidence: the mean of the words' confidences weighted by their length, 0–1, or null
 * when the page has no words.
 *
 * @param timedOut the page's time limit ran out before Tesseract finished (the text is what it had read)
 */
public record OcrText(String text, List<Word> words, Float confidence, int imageWidth, int imageHeight,
                      boolean timedOut) {

    /** One word: characters {@code [start, end)} of the text, its box in pixels, its confidence 0–1. */
    public record Word(int start, int end, int x, int y, int w, int h, float confidence) {}

    public OcrText {
        words = List.copyOf(words);
    }

    /**
     * The words as a page layout in the page's own units: {@code unitsPerPixel} is 72 / dpi for a page measured
     * in PDF points (a PDF page rendered at dpi, or an image taken as scanned at dpi).
     */
    public PageLayout layout(float unitsPerPixel) {
        List<PageLayout.Box> boxes = new ArrayList<>(words.size());
        for (Word w : words) {
            boxes.add(new PageLayout.Box(w.start(), w.end(), w.x() * unitsPerPixel, w.y() * unitsPerPixel,
                    w.w() * unitsPerPixel, w.h() * unitsPerPixel));
        }
        return new PageLayout(imageWidth * unitsPerPixel, imageHeight * unitsPerPixel, boxes);
    }
}
