package dev.quarry.qa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One answered question as the user sees it and as history keeps it.
 *
 * @param coverage  what the matter covers (documents, topics), filled for insufficient-evidence answers
 * @param feedback  the user's rating, or null
 */
public record QaResult(long queryId, String question, String answer, AnswerType answerType, double confidence,
                       Map<String, Double> confidenceBreakdown, List<Citation> citations, List<String> suggestions,
                       QuestionAnalysis analysis, Map<String, Object> coverage, Verification verification,
                       boolean flaggedForReview, long retrievalMs, long llmMs, long totalMs, int tokensInput,
                       int tokensOutput, String provider, String model, int retryCount, String errorType,
                       String errorMessage, boolean cacheHit, boolean redacted, Instant createdAt, Feedback feedback) {

    public record Feedback(String rating, String comment, Instant updatedAt) {}

    QaResult withIdentity(long id, Instant created, boolean cacheHit, long retrievalMs, long llmMs, long totalMs,
                          int tokensIn, int tokensOut, int retries) {
        return new QaResult(id, question, answer, answerType, confidence, confidenceBreakdown, citations, suggestions,
                analysis, coverage, verification, flaggedForReview, retrievalMs, llmMs, totalMs, tokensIn, tokensOut,
                provider, model, retries, errorType, errorMessage, cacheHit, redacted, created, feedback);
    }
}
