package dev.quarry.ui.common;

import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.PageRecord;
import java.util.Optional;

/**
 * Turns a passage given in the document's full text (search hits, citations: pages joined with one form
 * feed) into offsets on one page, which is what the viewer highlights. Reads the database: call it off
 * the FX thread.
 */
public final class PassageLocator {
    /** Where to open: a page and page-relative offsets (end exclusive), or -1/-1 for no highlight. */
    public record PageSpan(long documentId, int page, int start, int end) {}

    private final DocumentRepository documents;

    public PassageLocator(DocumentRepository documents) {
        this.documents = documents;
    }

    public PageSpan locate(long documentId, Integer page, Long docStart, Long docEnd) {
        int p = page == null || page < 1 ? 1 : page;
        if (docStart == null || docEnd == null || docEnd <= docStart) return new PageSpan(documentId, p, -1, -1);
        Optional<PageRecord> rec = documents.page(documentId, p);
        if (rec.isEmpty()) return new PageSpan(documentId, p, -1, -1);
        return toPage(rec.get(), docStart, docEnd);
    }

    /** Clips the passage to the page: a chunk that runs onto the next page is highlighted up to this page's end. */
    public static PageSpan toPage(PageRecord page, long docStart, long docEnd) {
        int length = page.text().length();
        long s = Math.max(0, docStart - page.startChar());
        long e = Math.min(length, docEnd - page.startChar());
        if (s >= length || e <= s) return new PageSpan(page.documentId(), page.pageNumber(), -1, -1);
        return new PageSpan(page.documentId(), page.pageNumber(), (int) s, (int) e);
    }
}
