package dev.quarry.qa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One answered question as the user sees it and as history keeps it.
 *
 * @param coverage  what the matter covers (documents, topics), filled for insufficient-evidence answers
 * @param feedback  the user's rating, or null
 * @param reviewed  for a reviewed answer, whose review it repeats and who recorded it when; else null
 */
public record QaResult(long queryId, String question, String answer, AnswerType answerType, double confidence,
                       Map<String, Double> confidenceBreakdown, List<Citation> citations, List<String> suggestions,
                       QuestionAnalysis analysis, Map<String, Object> coverage, Verification verification,
                       boolean flaggedForReview, long retrievalMs, long llmMs, long totalMs, int tokensInput,
                       int tokensOutput, String provider, String model, int retryCount, String errorType,
                       String errorMessage, boolean cacheHit, boolean redacted, Instant createdAt, Feedback feedback,
                       Reviewed reviewed) {

    public record Feedback(String rating, String comment, Instant updatedAt) {}

    /** The review a reviewed answer repeats: the question it resolved, the reviewer and when. */
    public record Reviewed(long reviewOf, String reviewer, Instant resolvedAt) {}

    /** An answer that is not a reviewed one. */
    public QaResult(long queryId, String question, String answer, AnswerType answerType, double confidence,
                    Map<String, Double> confidenceBreakdown, List<Citation> citations, List<String> suggestions,
                    QuestionAnalysis analysis, Map<String, Object> coverage, Verification verification,
                    boolean flaggedForReview, long retrievalMs, long llmMs, long totalMs, int tokensInput,
                    int tokensOutput, String provider, String model, int retryCount, String errorType,
                    String errorMessage, boolean cacheHit, boolean redacted, Instant createdAt, Feedback feedback) {
        this(queryId, question, answer, answerType, confidence, confidenceBreakdown, citations, suggestions, analysis, coverage,
                verification, flaggedForReview, retrievalMs, llmMs, totalMs, tokensInput, tokensOutput, provider, model,
                retryCount, errorType, errorMessage, cacheHit, redacted, createdAt, feedback, null);
    }

    QaResult withIdentity(long id, Instant created, boolean cacheHit, long retrievalMs, long llmMs, long totalMs,
                          int tokensIn, int tokensOut, int retries) {
        return new QaResult(id, question, answer, answerType, confidence, confidenceBreakdown, citations, suggestions,
                analysis, coverage, verification, flaggedForReview, retrievalMs, llmMs, totalMs, tokensIn, tokensOut,
                provider, model, retries, errorType, errorMessage, cacheHit, redacted, created, feedback, reviewed);
    }
}
