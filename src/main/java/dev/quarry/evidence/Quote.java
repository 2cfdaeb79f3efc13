package dev.quarry.evidence;

/**
 * The words an answer rests on, where they are, and whether they were found verbatim in that chunk.
 * Offsets are into the document's full text, like a search hit's; {@code verified} false means the quote
 * was not in the cited chunk and must never be shown as fact.
 */
public record Quote(String text, long chunkId, long documentId, int page, String bates,
                    long startChar, long endChar, boolean verified) {}
