package dev.quarry.extraction;

import java.time.Instant;

/**
 * A reviewer's verdict on a cell: right or wrong, with a comment and/or the right value; who and when.
 * {@code markedValue} is the cell's value when it was marked, so a verdict keeps its meaning after re-runs.
 */
public record Feedback(long id, long cellId, long gridId, long documentId, long variableId, boolean correct, String comment,
                       String correctedValue, String markedValue, String reviewer, Instant createdAt, Long usedInPrompt) {}
