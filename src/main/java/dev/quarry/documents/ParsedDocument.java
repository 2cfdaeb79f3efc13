package dev.quarry.documents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an importer made of one file. A container (ZIP, load-file volume) has no pages of its own and
 * only hands children to {@link ImportContext#children()}; an e-mail has pages and children (its
 * attachments). {@code status} is COMPLETED, NEEDS_OCR, PASSWORD_REQUIRED or FAILED; every status but
 * COMPLETED carries a reason a user can read.
 */
public record ParsedDocument(DocumentStatus status, String reason, String mediaType, boolean container,
                             List<ParsedPage> pages, String title, String author, Instant date,
                             Map<String, String> metadata) {

    public ParsedDocument {
        pages = pages == null ? List.of() : List.copyOf(pages);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (status != DocumentStatus.COMPLETED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("A " + status + " document needs a reason");
        }
    }

    public static ParsedDocument completed(String mediaType, List<ParsedPage> pages) {
        return new ParsedDocument(DocumentStatus.COMPLETED, null, mediaType, false, pages, null, null, null, Map.of());
    }

    public static ParsedDocument container(String mediaType) {
        return new ParsedDocument(DocumentStatus.COMPLETED, null, mediaType, true, List.of(), null, null, null, Map.of());
    }

    public static ParsedDocument failed(String mediaType, String reason) {
        return new ParsedDocument(DocumentStatus.FAILED, reason, mediaType, false, List.of(), null, null, null, Map.of());
    }

    public static ParsedDocument passwordRequired(String mediaType, String reason) {
        return new ParsedDocument(DocumentStatus.PASSWORD_REQUIRED, reason, mediaType, false, List.of(), null, null, null, Map.of());
    }

    public ParsedDocument withInfo(String title, String author, Instant date, Map<String, String> metadata) {
        return new ParsedDocument(status, reason, mediaType, container, pages, title, author, date, metadata);
    }

    public ParsedDocument withStatus(DocumentStatus s, String why) {
        return new ParsedDocument(s, why, mediaType, container, pages, title, author, date, metadata);
    }

    public ParsedDocument withPages(List<ParsedPage> newPages) {
        return new ParsedDocument(status, reason, mediaType, container, newPages, title, author, date, metadata);
    }
}
