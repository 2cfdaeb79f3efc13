package dev.quarry.documents.importers;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.PageLayout;
import java.io.IOException;
import java.io.StringWriter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * One pass of PDFBox's text stripper that hands back, per page, the text exactly as PDFBox writes it,
 * the word boxes that point into that text, and whether the page drew any image. Not thread-safe: one
 * instance per document.
 *
 * <p>Word boxes are made where the text is written ({@link #writeString(String, List)}), so their
 * offsets are offsets into the final page text by construction; the word separators PDFBox inserts
 * between glyph runs have no glyphs and get no box.
 */
final class PdfPageStripper extends PDFTextStripper {

    /** What one page produced. {@code layout} is null for a page without text. */
    record Page(int number, String text, PageLayout layout, boolean drewImage) {}

    /** Receives each page as soon as it is finished. */
    interface PageSink {
        void page(Page page);
    }

    private final CancelToken cancel;
    private final StringWriter out = new StringWriter();
    private PageSink sink;
    private final List<PageLayout.Box> boxes = new ArrayList<>();
    private int pageInProgress;
    private boolean drewImage;
    private float pageWidth, pageHeight;
    private int rotation;

    PdfPageStripper(CancelToken cancel) {
        this.cancel = cancel;
        setSortByPosition(true);
        // Fixed separators keep offsets identical on every platform.
        setLineSeparator("\n");
        setWordSeparator(" ");
        setPageStart("");
        setPageEnd("");
    }

    /**
     * Extracts pages {@code from}..{@code to} into {@code sink}. When a page fails, the exception
     * propagates and {@link #pageInProgress()} says which page it was.
     */
    void extract(org.apache.pdfbox.pdmodel.PDDocument doc, int from, int to, PageSink sink) throws IOException {
        this.sink = sink;
        this.pageInProgress = 0;
        setStartPage(from);
        setEndPage(to);
        out.getBuffer().setLength(0);
        writeText(doc, out);
    }

    /** The page being extracted when an exception escaped {@link #extract}, or 0 if none was. */
    int pageInProgress() {
        return pageInProgress;
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
        cancel.throwIfCancelled();
        pageInProgress = getCurrentPageNo();
        out.getBuffer().setLength(0);
        boxes.clear();
        drewImage = false;
        PDRectangle crop = page.getCropBox();
        rotation = ((page.getRotation() % 360) + 360) % 360;
        boolean sideways = rotation == 90 || rotation == 270;
        // TextPosition's x/y are already turned with the page rotation, so the page as displayed is
        // what the boxes are measured in.
        pageWidth = sideways ? crop.getHeight() : crop.getWidth();
        pageHeight = sideways ? crop.getWidth() : crop.getHeight();
    }

    @Override
    protected void endPage(PDPage page) {
        String text = out.toString();
        PageLayout layout = boxes.isEmpty() ? null : new PageLayout(pageWidth, pageHeight, List.copyOf(boxes));
        sink.page(new Page(getCurrentPageNo(), text, layout, drewImage));
        out.getBuffer().setLength(0);
        boxes.clear();
        pageInProgress = 0;
    }

    /** Notes images as they are drawn (XObject images and inline images), at no extra parsing cost. */
    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        String name = operator.getName();
        if ("BI".equals(name)) {
            drewImage = true;
        } else if (!drewImage && "Do".equals(name) && !operands.isEmpty() && operands.get(0) instanceof COSName xobject) {
            PDResources resources = getResources();
            if (resources != null && resources.isImageXObject(xobject)) drewImage = true;
        }
        super.processOperator(operator, operands);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
        int start = out.getBuffer().length();
        super.writeString(text, positions);
        addWordBoxes(text, positions, start);
    }

    /**
     * One box per whitespace-separated word of {@code text}, which was written at {@code start}. When the
     * glyphs map one-to-one onto the characters (after the same presentation-form normalisation PDFBox
     * applies), each word gets the union of its glyphs; otherwise (bidi reordering, unusual
     * normalisation) the whole run gets one box so that no box claims the wrong characters.
     */
    private void addWordBoxes(String text, List<TextPosition> positions, int start) {
        if (positions == null || positions.isEmpty() || text.isEmpty()) return;
        int[] glyphOfChar = mapCharsToGlyphs(text, positions);
        if (glyphOfChar == null) {
            int s = 0, e = text.length();
            while (s < e && Character.isWhitespace(text.charAt(s))) s++;
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
            if (s < e) addBox(start + s, start + e, positions, 0, positions.size() - 1);
            return;
        }
        int i = 0, n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= n) break;
            int j = i;
            while (j < n && !Character.isWhitespace(text.charAt(j))) j++;
            addBox(start + i, start + j, positions, glyphOfChar[i], glyphOfChar[j - 1]);
            i = j;
        }
    }

    /** For each character of {@code text}, the index of the glyph that produced it; null if they do not line up. */
    private static int[] mapCharsToGlyphs(String text, List<TextPosition> positions) {
        int[] map = new int[text.length()];
        int at = 0;
        for (int g = 0; g < positions.size(); g++) {
            String u = positions.get(g).getUnicode();
            if (u == null) return null;
            if (!text.startsWith(u, at)) {
                u = presentationFormsExpanded(u);
                if (!text.startsWith(u, at)) return null;
            }
            for (int k = 0; k < u.length(); k++) map[at + k] = g;
            at += u.length();
        }
        return at == text.length() ? map : null;
    }

    /** PDFBox expands ligatures and Arabic presentation forms (U+FB00–U+FDFF, U+FE70–U+FEFF) with NFKC. */
    private static String presentationFormsExpanded(String u) {
        StringBuilder b = new StringBuilder(u.length() + 2);
        for (int k = 0; k < u.length(); k++) {
            char c = u.charAt(k);
            if ((c >= 0xFB00 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
                b.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void addBox(int start, int end, List<TextPosition> positions, int firstGlyph, int lastGlyph) {
        float left = Float.MAX_VALUE, top = Float.MAX_VALUE, right = -Float.MAX_VALUE, bottom = -Float.MAX_VALUE;
        for (int g = firstGlyph; g <= lastGlyph; g++) {
            TextPosition p = positions.get(g);
            float x = p.getX(), baseline = p.getY(), w = p.getWidth(), h = p.getHeight();
            if (!Float.isFinite(x) || !Float.isFinite(baseline)) continue;
            if (!Float.isFinite(w) || w < 0) w = 0;
            if (!Float.isFinite(h) || h < 0) h = 0;
            left = Math.min(left, x);
            right = Math.max(right, x + w);
            top = Math.min(top, baseline - h);
            bottom = Math.max(bottom, baseline);
        }
        if (left > right) return;
        boxes.add(new PageLayout.Box(start, end, left, top, right - left, bottom - top));
    }
}
