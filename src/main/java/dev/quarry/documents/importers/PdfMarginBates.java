package dev.quarry.documents.importers;

import dev.quarry.documents.BatesDetector;
import dev.quarry.documents.PageLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a Bates stamp by where it sits rather than by line order: production tools stamp the bottom
 * (sometimes the top) margin, and a page's text order does not always put that line first or last.
 * Uses the word boxes already collected, so it costs one scan of the boxes.
 */
final class PdfMarginBates {
    /** The share of the page height counted as the top and bottom margins. */
    private static final float MARGIN = 0.12f;

    private PdfMarginBates() {}

    /** The stamp on a text line lying wholly in the bottom margin, else the top margin, or null. */
    static String find(String text, PageLayout layout) {
        if (layout.height() <= 0 || layout.boxes().isEmpty()) return null;
        float bottomEdge = layout.height() * (1 - MARGIN), topEdge = layout.height() * MARGIN;
        List<int[]> bottom = new ArrayList<>(), top = new ArrayList<>();
        int lineStart = -1, lineEnd = -1;
        boolean allBottom = true, allTop = true;
        for (PageLayout.Box b : layout.boxes()) {
            if (b.start() < 0 || b.end() > text.length()) return null;
            int s = text.lastIndexOf('\n', b.start() - 1) + 1;
            if (s != lineStart) {
                flush(lineStart, lineEnd, allBottom, allTop, bottom, top);
                lineStart = s;
                int e = text.indexOf('\n', b.start());
                lineEnd = e < 0 ? text.length() : e;
                allBottom = true;
                allTop = true;
            }
            allBottom &= b.y() >= bottomEdge;
            allTop &= b.y() + b.h() <= topEdge;
        }
        flush(lineStart, lineEnd, allBottom, allTop, bottom, top);
        for (int k = bottom.size() - 1; k >= 0; k--) {
            String hit = BatesDetector.detectOnLine(text.substring(bottom.get(k)[0], bottom.get(k)[1]));
            if (hit != null) return hit;
        }
        for (int[] line : top) {
            String hit = BatesDetector.detectOnLine(text.substring(line[0], line[1]));
            if (hit != null) return hit;
        }
        return null;
    }

    private static void flush(int start, int end, boolean allBottom, boolean allTop, List<int[]> bottom, List<int[]> top) {
        if (start < 0) return;
        if (allBottom) bottom.add(new int[] {start, end});
        else if (allTop) top.add(new int[] {start, end});
    }
}
