package dev.quarry.qa;

/**
 * One retrieved chunk, with what a citation needs: where it is (document, page, Bates, character span in
 * the document's full text), its exact text, the retriever's relevance score (0..1 expected), and the producing
 * party's original file name when a load file gave one.
 *
 * <p>The four component fields say how the retriever found the passage, for the confidence score: the
 * dense (cosine) similarity and its rank, the keyword (BM25) score and its rank; each null when that side
 * did not return the passage or the retriever has no such side.
 */
public record Passage(long chunkId, long documentId, String fileName, int page, String bates,
                      long docStartChar, long docEndChar, String text, double score, String originalName,
                      Double denseScore, Integer denseRank, Double keywordScore, Integer keywordRank) {

    /** A passage from a retriever that gives one score only, of a document with no original name. */
    public Passage(long chunkId, long documentId, String fileName, int page, String bates, long docStartChar,
                   long docEndChar, String text, double score) {
        this(chunkId, documentId, fileName, page, bates, docStartChar, docEndChar, text, score, null, null, null, null, null);
    }
}
