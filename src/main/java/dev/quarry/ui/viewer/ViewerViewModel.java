package dev.quarry.ui.viewer;

import dev.quarry.app.TaskRunner;
import dev.quarry.app.UserError;
import dev.quarry.core.BlobStore;
import dev.quarry.core.QuarryException;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.PageLayout;
import dev.quarry.documents.PageRecord;
import dev.quarry.documents.render.ImagePageRenderer;
import dev.quarry.documents.render.PageRenderer;
import dev.quarry.documents.render.PdfPageRenderer;
import dev.quarry.documents.render.ScanPages;
import dev.quarry.ui.common.Messages;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The viewer's state for one document: its pages, the current page, zoom, the highlighted passage and
 * find-in-document. A PDF whose original is in the blob store is drawn page by page (rendered off the
 * FX thread, cached by the renderer); anything else is shown as its text with page breaks.
 */
public final class ViewerViewModel implements DocumentOpener, AutoCloseable {
    public static final double MIN_ZOOM = 0.25, MAX_ZOOM = 4.0;

    /** A stretch of one page's text, end exclusive. */
    public record Passage(int page, int start, int end) {}

    /** The loaded document: rows and pages read off the FX thread in one go. */
    record Loaded(DocumentSummary summary, List<PageRecord> pages, PageRenderer renderer, int pageCount,
                  List<dev.quarry.documents.OcrStore.PageOcr> ocr) {}

    private final TaskRunner tasks;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final Function<Path, PdfPageRenderer> rendererFactory;

    private final ObjectProperty<DocumentSummary> document = new SimpleObjectProperty<>();
    private final ObjectProperty<List<PageRecord>> pages = new SimpleObjectProperty<>(List.of());
    private final IntegerProperty pageNumber = new SimpleIntegerProperty(0);
    private final IntegerProperty pageCount = new SimpleIntegerProperty(0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1.0);
    private final BooleanProperty pdf = new SimpleBooleanProperty();
    private final ObjectProperty<BufferedImage> pageImage = new SimpleObjectProperty<>();
    private final ObjectProperty<Passage> highlight = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObjectProperty<UserError> error = new SimpleObjectProperty<>();
    private final StringProperty findQuery = new SimpleStringProperty("");
    private final StringProperty findStatus = new SimpleStringProperty("");
    private final StringProperty displayText = new SimpleStringProperty("");
    /** The current page's OCR: its confidence, a low-confidence flag, or that it waits for OCR; "" when not OCR'd. */
    private final StringProperty ocrNote = new SimpleStringProperty("");
    private final BooleanProperty ocrLow = new SimpleBooleanProperty();
    private List<dev.quarry.documents.OcrStore.PageOcr> ocrPages = List.of();
    private List<Passage> hits = List.of();
    private int hitIndex = -1;
    private int[] displayStarts = new int[0];
    private PageRenderer renderer;
    private long renderGeneration;

    public ViewerViewModel(TaskRunner tasks, DocumentRepository documents, BlobStore blobs,
                           Function<Path, PdfPageRenderer> rendererFactory) {
        this.tasks = tasks;
        this.documents = documents;
        this.blobs = blobs;
        this.rendererFactory = rendererFactory;
    }

    @Override
    public void openAt(long documentId, int page, int startChar, int endChar) {
        DocumentSummary current = document.get();
        if (current != null && current.id() == documentId && !pages.get().isEmpty()) {
            show(page, startChar, endChar);
            return;
        }
        loading.set(true);
        error.set(null);
        tasks.task("open document " + documentId, () -> load(documentId))
                .onSuccess(l -> {
                    closeRenderer();
                    renderer = l.renderer();
                    document.set(l.summary());
                    pages.set(l.pages());
                    ocrPages = l.ocr();
                    pageCount.set(l.pageCount());
                    pdf.set(renderer != null);
                    displayText.set(buildDisplayText(l.pages()));
                    // Another document: its find starts empty (the last document's query and hits mean nothing here).
                    findQuery.set("");
                    hits = List.of();
                    hitIndex = -1;
                    findStatus.set("");
                    pageNumber.set(0);
                    show(page, startChar, endChar);
                })
                .onError(error::set)
                .onFinally(() -> loading.set(false))
                .start();
    }

    private Loaded load(long documentId) {
        DocumentSummary d = documents.find(documentId)
                .orElseThrow(() -> new QuarryException(Messages.get("viewer.noDocument")));
        List<PageRecord> p = documents.pages(documentId);
        PageRenderer r = null;
        if (ScanPages.isImages(d.mediaType()) && d.sha256() != null && blobs.contains(d.sha256()) && !p.isEmpty()) {
            // Scans and a production's page images are drawn from the images; OCR's word boxes fall on them.
            r = new ImagePageRenderer(d.mediaType(), blobs, d.sha256(), p.size());
        } else if ("application/pdf".equals(d.mediaType()) && d.sha256() != null && blobs.contains(d.sha256())) {
            // An encrypted matter's original is decrypted into memory; the renderer reads it whole, so the copy can go.
            try (BlobStore.Opened original = blobs.open(d.sha256())) {
                r = rendererFactory.apply(original.path());
            } catch (java.io.IOException e) {
                throw new QuarryException(Messages.get("viewer.pdfUnreadable"), e);
            }
        }
        if (p.isEmpty() && r == null) throw new QuarryException(Messages.get("viewer.noPages"));
        return new Loaded(d, p, r, r != null ? Math.max(p.size(), r.pageCount()) : p.size(), documents.ocrPages(documentId));
    }

    private void show(int page, int start, int end) {
        goTo(page);
        highlight.set(start >= 0 && end > start ? new Passage(pageNumber.get(), start, end) : null);
    }

    /** Moves to a page (clamped to the document); a PDF page is rendered in the background. */
    public void goTo(int page) {
        int count = pageCount.get();
        if (count == 0) return;
        int target = Math.max(1, Math.min(count, page));
        if (target == pageNumber.get() && (!pdf.get() || pageImage.get() != null)) return;
        pageNumber.set(target);
        updateOcrNote(target);
        if (renderer != null) {
            PageRenderer r = renderer;
            long generation = ++renderGeneration;
            tasks.task("render page " + target, () -> r.render(target))
                    .onSuccess(img -> {
                        if (generation == renderGeneration) pageImage.set(img);
                    })
                    .onError(error::set)
                    .start();
        }
    }

    private void updateOcrNote(int page) {
        dev.quarry.documents.OcrStore.PageOcr o = ocrPages.stream().filter(x -> x.pageNumber() == page).findFirst().orElse(null);
        boolean low = false;
        String note = "";
        if (o != null && o.state() != null) {
            switch (o.state()) {
                case "done" -> {
                    low = o.lowConfidence();
                    note = o.confidence() == null ? Messages.get("viewer.ocr.blank")
                            : Messages.format(low ? "viewer.ocr.low" : "viewer.ocr.read", Math.round(o.confidence() * 100));
                }
                case "pending" -> note = Messages.get("viewer.ocr.pending");
                default -> {
                    low = true;
                    note = Messages.get("viewer.ocr.failed");
                }
            }
        }
        ocrLow.set(low);
        ocrNote.set(note);
    }

    public StringProperty ocrNote() { return ocrNote; }
    public BooleanProperty ocrLow() { return ocrLow; }

    public void next() { goTo(pageNumber.get() + 1); }
    public void previous() { goTo(pageNumber.get() - 1); }
    public void zoomIn() { zoom.set(Math.min(MAX_ZOOM, Math.round(zoom.get() * 1.25 * 100) / 100.0)); }
    public void zoomOut() { zoom.set(Math.max(MIN_ZOOM, Math.round(zoom.get() / 1.25 * 100) / 100.0)); }
    public void resetZoom() { zoom.set(1.0); }

    /**
     * Any run of spaces: line breaks, tabs and the Unicode spaces. PDFs converted from HTML separate their
     * words with no-break spaces (U+00A0), which {@code \\s} alone does not match: a phrase was found only
     * where a real line break happened to fall between its words (issue 11: 2 of 19).
     */
    private static final String SPACES = "[\\s\\p{Z}\\u200B\\uFEFF]+";
    private static final Pattern SPACE_RUN = Pattern.compile(SPACES);

    /**
     * Finds every case-insensitive occurrence of the query on every page and jumps to the first. Any run
     * of spaces in the query matches any run in the text, since extracted PDF text breaks lines, doubles
     * spaces and uses no-break spaces where the page does.
     */
    public void find() {
        String q = findQuery.get() == null ? "" : SPACE_RUN.matcher(findQuery.get()).replaceAll(" ").strip();
        List<Passage> found = new ArrayList<>();
        if (!q.isEmpty()) {
            StringBuilder regex = new StringBuilder();
            for (String word : q.split(" ")) {
                if (regex.length() > 0) regex.append(SPACES);
                regex.append(Pattern.quote(word));
            }
            Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            for (PageRecord p : pages.get()) {
                Matcher m = pattern.matcher(p.text());
                while (m.find()) found.add(new Passage(p.pageNumber(), m.start(), m.end()));
            }
        }
        hits = found;
        hitIndex = -1;
        if (found.isEmpty()) {
            findStatus.set(q.isEmpty() ? "" : Messages.get("viewer.find.none"));
            return;
        }
        findNext();
    }

    public void findNext() {
        if (hits.isEmpty()) return;
        hitIndex = (hitIndex + 1) % hits.size();
        showHit();
    }

    public void findPrevious() {
        if (hits.isEmpty()) return;
        hitIndex = (hitIndex - 1 + hits.size()) % hits.size();
        showHit();
    }

    private void showHit() {
        Passage h = hits.get(hitIndex);
        findStatus.set(Messages.format("viewer.find.count", hitIndex + 1, hits.size()));
        show(h.page(), h.start(), h.end());
    }

    /** Word boxes of the highlighted passage on the current page (PDF points from the top-left). */
    public List<PageLayout.Box> highlightBoxes() {
        Passage h = highlight.get();
        PageRecord p = currentPage();
        if (h == null || p == null || p.layout() == null || h.page() != p.pageNumber()) return List.of();
        List<PageLayout.Box> out = new ArrayList<>();
        for (PageLayout.Box b : p.layout().boxesFor(h.start(), h.end())) out.add(clip(b, h.start(), h.end()));
        return out;
    }

    /**
     * The part of a word box that covers characters {@code [start, end)}, by character share: a find hit
     * inside a word, or a box that also spans padding, is narrowed to the passage instead of lighting up
     * the whole box.
     */
    static PageLayout.Box clip(PageLayout.Box b, int start, int end) {
        int n = b.end() - b.start();
        int s = Math.max(start, b.start()), e = Math.min(end, b.end());
        if (n <= 0 || (s == b.start() && e == b.end())) return b;
        float x = b.x() + b.w() * (s - b.start()) / n;
        return new PageLayout.Box(s, e, x, b.y(), b.w() * (e - s) / n, b.h());
    }

    public PageRecord currentPage() {
        int n = pageNumber.get();
        for (PageRecord p : pages.get()) if (p.pageNumber() == n) return p;
        return null;
    }

    /** Where page {@code n} starts in {@link #displayText()}, for text documents. */
    public int displayStart(int n) {
        List<PageRecord> ps = pages.get();
        for (int i = 0; i < ps.size(); i++) if (ps.get(i).pageNumber() == n) return displayStarts[i];
        return 0;
    }

    /** The passage as a range of {@link #displayText()}: what the text view selects. */
    public int[] highlightRange() {
        Passage h = highlight.get();
        if (h == null) return null;
        int base = displayStart(h.page());
        return new int[] {base + h.start(), base + h.end()};
    }

    private String buildDisplayText(List<PageRecord> ps) {
        StringBuilder sb = new StringBuilder();
        displayStarts = new int[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            if (ps.size() > 1) {
                if (i > 0) sb.append("\n\n");
                sb.append(Messages.format("viewer.pageBreak", ps.get(i).pageNumber())).append("\n\n");
            }
            displayStarts[i] = sb.length();
            sb.append(ps.get(i).text());
        }
        return sb.toString();
    }

    private void closeRenderer() {
        if (renderer != null) {
            PageRenderer old = renderer;
            renderer = null;
            pageImage.set(null);
            tasks.task("close renderer", () -> {
                old.close();
                return null;
            }).start();
        }
    }

    @Override
    public void close() {
        closeRenderer();
    }

    public ObjectProperty<DocumentSummary> document() { return document; }
    public ObjectProperty<List<PageRecord>> pages() { return pages; }
    public IntegerProperty pageNumber() { return pageNumber; }
    public IntegerProperty pageCount() { return pageCount; }
    public DoubleProperty zoom() { return zoom; }
    public BooleanProperty pdf() { return pdf; }
    public ObjectProperty<BufferedImage> pageImage() { return pageImage; }
    public ObjectProperty<Passage> highlight() { return highlight; }
    public BooleanProperty loading() { return loading; }
    public ObjectProperty<UserError> error() { return error; }
    public StringProperty findQuery() { return findQuery; }
    public StringProperty findStatus() { return findStatus; }
    public StringProperty displayText() { return displayText; }
}
