package dev.quarry.documents.chunk;

/** A chunk before it is stored: characters {@code [start, end)} of one page's text. */
public record ChunkSpec(int pageNumber, int start, int end, String text, int tokens) {}
