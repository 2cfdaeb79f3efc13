package dev.quarry.extraction;

import java.util.Map;

/** A row of the grid: a document, with the dataset fields it was imported with (the given columns' values). */
public record GridDocument(long id, String fileName, Long productionId, Map<String, String> fields) {}
