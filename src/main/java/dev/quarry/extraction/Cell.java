package dev.quarry.extraction;

import java.time.Instant;
import java.util.List;

/**
 * One extraction: a run's answer for one document and one variable, with where it came from.
 *
 * @param status     extracted, not_stated (a value of its own, with its proof), review (the quote did not
 *                   verify, the extractors disagreed or the confidence is low), error (logged)
 * @param value      the normalised value (ISO date, yes/no, number, categories joined by "; "); empty when not stated
 * @param proof      for not stated: the queries run and the closest passages seen (JSON)
 */
public record Cell(long id, long runId, long gridId, long documentId, long variableId, long promptId, int promptVersion,
                   String outcome, String status, String rawValue, String value, String unit, Double confidence,
                   String quote, boolean quoteVerified, Long chunkId, Integer page, String bates, Long startChar,
                   Long endChar, String method, String model, String proof, String error, Instant createdAt) {

    public static final String EXTRACTED = "extracted";
    public static final String NOT_STATED = "not_stated";
    public static final String REVIEW = "review";
    public static final String ERROR = "error";

    public boolean isError() {
        return ERROR.equals(status);
    }

    /** The closest passages a "not stated" cell saw, as stored in its proof, for the reviewer. */
    public record Proof(List<String> queries, List<Seen> closest) {}

    public record Seen(long chunkId, int page, long startChar, long endChar, String text, double score) {}
}
