package dev.quarry.ui.viewer;

/**
 * Opens a document in the viewer at a page with a passage highlighted. Search hits and Ask citations
 * call this; characters are offsets into the page's stored text ({@code pages.text}), end exclusive;
 * pass -1 for both to highlight nothing.
 */
@FunctionalInterface
public interface DocumentOpener {
    void openAt(long documentId, int pageNumber, int startChar, int endChar);
}
