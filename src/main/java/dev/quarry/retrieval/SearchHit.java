package dev.quarry.retrieval;

/**
 * One result. {@code startChar}/{@code endChar} are offsets in the document's full text (its pages joined
 * with one form feed; for a plain-text file, offsets into the decoded file). Component scores are null when
 * that retriever did not return the chunk: dense = cosine, keyword = BM25, score = the fused RRF score in
 * hybrid mode, else the component's own score. {@code bates} is the page's
 * Bates number, or the document's range when the page spans it; {@code originalName} the producing party's
 * file name (a load file's FILENAME), or null.
 */
public record SearchHit(int rank, long chunkId, long documentId, String fileName, int page, String bates,
                        long startChar, long endChar, double score, Double denseScore, Integer denseRank,
                        Double keywordScore, Integer keywordRank, String text, String snippet, String originalName) {
    /** A hit on a document with no original name. */
    public SearchHit(int rank, long chunkId, long documentId, String fileName, int page, String bates,
                     long startChar, long endChar, double score, Double denseScore, Integer denseRank,
                     Double keywordScore, Integer keywordRank, String text, String snippet) {
        this(rank, chunkId, documentId, fileName, page, bates, startChar, endChar, score, denseScore, denseRank,
                keywordScore, keywordRank, text, snippet, null);
    }
}
