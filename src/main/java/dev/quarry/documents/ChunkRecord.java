package dev.quarry.documents;

/** A stored chunk: characters [startChar, endChar) of its page, [docStartChar, docEndChar) of the full text. */
public record ChunkRecord(long id, long documentId, int chunkIndex, int pageNumber, int startChar, int endChar,
                          long docStartChar, long docEndChar, int tokenCount, String text) {}
