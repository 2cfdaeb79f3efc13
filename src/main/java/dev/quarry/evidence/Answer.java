package dev.quarry.evidence;

import java.util.List;

/**
 * The engine's answer for one document and one criterion.
 *
 * @param criterion   the criterion's name
 * @param documentId  the document asked
 * @param outcome     a value, "not stated" (a value of its own, with its proof of absence), or an error
 * @param rawValue    the value as the text or model gave it ("thirty (30) days", "March 1st, 2019")
 * @param value       the normalised value: ISO date, "yes"/"no", a number ("30"), categories joined by "; ",
 *                    the jurisdiction's name; empty when not stated or in error
 * @param unit        a number's unit ("days", "USD"), or null
 * @param confidence  0..1, from the evidence; an unverified quote lowers it
 * @param quote       the supporting quote, or null when not stated or in error
 * @param method      which extractor decided (BOTH when the offline and the model extractors agreed)
 * @param needsReview the extractors disagreed, the quote did not verify, or the confidence is low
 * @param queriesRun  the searches run in the document (part of a "not stated" answer's proof of absence)
 * @param closest     the closest passages seen, best first (the rest of that proof, and the context shown)
 * @param model       the model that answered, or null offline
 * @param error       what went wrong, for an ERROR outcome (a sentence), else null
 * @param margin      the offline BOOLEAN decider's score less its threshold (positive: yes), unclipped, so
 *                    documents can be ranked against each other on one criterion; NaN for other answers
 */
public record Answer(String criterion, long documentId, Outcome outcome, String rawValue, String value, String unit,
                     double confidence, Quote quote, Method method, boolean needsReview, List<String> queriesRun,
                     List<Seen> closest, String model, String error, double margin) {
    public Answer {
        queriesRun = queriesRun == null ? List.of() : List.copyOf(queriesRun);
        closest = closest == null ? List.of() : List.copyOf(closest);
    }

    /** An answer without a BOOLEAN margin. */
    public Answer(String criterion, long documentId, Outcome outcome, String rawValue, String value, String unit,
                  double confidence, Quote quote, Method method, boolean needsReview, List<String> queriesRun,
                  List<Seen> closest, String model, String error) {
        this(criterion, documentId, outcome, rawValue, value, unit, confidence, quote, method, needsReview, queriesRun, closest,
                model, error, Double.NaN);
    }

    public enum Outcome { VALUE, NOT_STATED, ERROR }

    public enum Method { OFFLINE, LLM, BOTH }

    /** A passage the engine looked at: where it is, its text and how well it matched the criterion. */
    public record Seen(long chunkId, int page, String bates, long startChar, long endChar, String text, double score) {}
}
