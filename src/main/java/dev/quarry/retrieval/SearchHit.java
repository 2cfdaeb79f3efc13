package dev.quarry.retrieval;

/**
 * One result. {@code startChar}/{@code endChar} are offsets in the document's full text (its pages joined
 * with one form feed; for a plain-text file, offsets into the decoded file). Component scores are null when
 * that retriever did not return the chunk: dense = cosine, keyword = BM25, score = the fused RRF score in
 * hybrid mode, else the component's own score.
 */
public record SearchHit(int rank, long chunkId, long documentId, String fileName, int page, String bates,
                        long startChar, long endChar, double score, Double denseScore, Integer denseRank,
                        Double keywordScore, Integer keywordRank, String text, String snippet) {}
