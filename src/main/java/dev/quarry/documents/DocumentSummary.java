package dev.quarry.documents;

import java.time.Instant;

/**
 * One row of the documents table. {@code originalName}: the producing party's file name from a load file
 * (FILENAME, ORIGFILENAME, ...), or null.
 */
public record DocumentSummary(long id, String fileName, DocumentStatus status, String error, String mediaType,
                              long sizeBytes, int pages, int chunks, String batesBegin, String batesEnd,
                              String custodian, String sha256, Long parentId, Long productionId,
                              String language, boolean ocrNeeded, Instant createdAt, String originalName) {}
