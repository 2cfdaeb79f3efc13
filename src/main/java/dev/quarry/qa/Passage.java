package dev.quarry.qa;

/**
 * One retrieved chunk, with what a citation needs: where it is (document, page, Bates, character span in
 * the document's full text), its exact text, the retriever's relevance score (0..1 expected), and the producing
 * party's original file name when a load file gave one.
 */
public record Passage(long chunkId, long documentId, String fileName, int page, String bates,
                      long docStartChar, long docEndChar, String text, double score, String originalName) {
    /** A passage of a document with no original name (anything not from a load file). */
    public Passage(long chunkId, long documentId, String fileName, int page, String bates,
                   long docStartChar, long docEndChar, String text, double score) {
        this(chunkId, documentId, fileName, page, bates, docStartChar, docEndChar, text, score, null);
    }
}
