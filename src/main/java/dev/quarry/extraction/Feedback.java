package dev.quarry.extraction;

import java.time.Instant;

/** A reviewer's verdict on a cell: right or wrong, with a comment and/or the right value; who and when. */
public record Feedback(long id, long cellId, long gridId, long documentId, long variableId, boolean correct, String comment,
                       String correctedValue, String reviewer, Instant createdAt, Long usedInPrompt) {}
