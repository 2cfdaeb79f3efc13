package dev.quarry.extraction;

import java.time.Instant;

/** A reviewer's own value for a cell: shown and exported instead of any run's, never overwritten by a run. */
public record CellOverride(long gridId, long documentId, long variableId, String value, String reviewer, Instant createdAt) {}
