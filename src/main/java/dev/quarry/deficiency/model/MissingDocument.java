package dev.quarry.deficiency.model;

/** A known document that is responsive to a request and was not produced, with the passage that shows it. */
public record MissingDocument(long documentId, String fileName, String quote) {}
