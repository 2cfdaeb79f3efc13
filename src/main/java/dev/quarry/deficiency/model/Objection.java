package dev.quarry.deficiency.model;

/**
 * One specific objection of a response. {@code kind} is one of overbroad, unduly_burdensome,
 * vague_ambiguous, not_proportional, privilege, confidentiality, duplicative, legal_conclusion, relevance,
 * time_period, other; {@code text} is the objection as written (for vague_ambiguous, the quoted phrase is
 * in {@code phrase}; for duplicative, the request number in {@code duplicateOf}).
 */
public record Objection(String kind, String text, String phrase, Integer duplicateOf) {}
