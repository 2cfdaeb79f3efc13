package dev.quarry.qa;

/**
 * Source [rank] of an answer. {@code cited}: the answer's text points at it; {@code verified}: at least one
 * claim citing it checked out against the chunk text (quotes present, words overlapping).
 */
public record Citation(int rank, long chunkId, long documentId, String fileName, Integer page, String bates,
                       Long docStartChar, Long docEndChar, String preview, double score, boolean cited, boolean verified,
                       String originalName) {
    /** A citation of a document with no original name. */
    public Citation(int rank, long chunkId, long documentId, String fileName, Integer page, String bates,
                    Long docStartChar, Long docEndChar, String preview, double score, boolean cited, boolean verified) {
        this(rank, chunkId, documentId, fileName, page, bates, docStartChar, docEndChar, preview, score, cited, verified, null);
    }
}
