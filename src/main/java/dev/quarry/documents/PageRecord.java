package dev.quarry.documents;

/** A stored page: its text, where it starts in the document's full text, its Bates number and layout. */
public record PageRecord(long documentId, int pageNumber, long startChar, String text, String bates,
                         boolean imageOnly, PageLayout layout) {}
