package dev.quarry.extraction;

import java.time.Instant;

/** A run's log line (INFO, WARNING, ERROR), per document and variable when it is about one cell. */
public record LogEntry(long id, long runId, Long documentId, Long variableId, String level, String message, Instant createdAt) {}
