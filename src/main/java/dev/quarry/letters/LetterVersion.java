package dev.quarry.letters;

import java.time.Instant;

/**
 * One saved version of a letter: its Markdown, the metadata it was written with, and the report version
 * its text was drafted from. {@code source} is draft, edit, polish or redraft.
 */
public record LetterVersion(long letterId, int version, String content, LetterMeta meta, int reportVersion,
                            String source, String note, String createdBy, Instant createdAt) {}
