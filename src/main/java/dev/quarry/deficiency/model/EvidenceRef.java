package dev.quarry.deficiency.model;

/**
 * A produced document that answers a request: its Bates number (of the page quoted), the document, the
 * name it was imported under, the page and the verified passage.
 */
public record EvidenceRef(String bates, long documentId, String fileName, int page, String quote) {}
