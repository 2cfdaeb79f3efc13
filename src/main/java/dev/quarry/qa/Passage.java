package dev.quarry.qa;

/**
 * One retrieved chunk, with what a citation needs: where it is (document, page, Bates, character span in
 * the document's full text), its exact text, and the retriever's relevance score (0..1 expected).
 */
public record Passage(long chunkId, long documentId, String fileName, int page, String bates,
                      long docStartChar, long docEndChar, String text, double score) {}
