package dev.quarry.extraction;

/** A sample (N documents, seeded random or chosen) to check the prompts, or a full run over the grid's documents. */
public enum RunKind { SAMPLE, FULL }
