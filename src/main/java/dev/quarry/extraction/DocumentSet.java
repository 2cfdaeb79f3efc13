package dev.quarry.extraction;

import java.util.List;

/**
 * Which documents a grid holds: every completed document of the matter, one production's, or a list.
 *
 * @param kind         all, production, list
 * @param productionId the production, for {@link Kind#PRODUCTION}
 * @param documentIds  the documents in order, for {@link Kind#LIST}
 */
public record DocumentSet(Kind kind, Long productionId, List<Long> documentIds) {
    public enum Kind {
        ALL, PRODUCTION, LIST;

        public String db() { return name().toLowerCase(); }

        public static Kind of(String s) { return valueOf(s.toUpperCase()); }
    }

    public DocumentSet {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
    }

    public static DocumentSet all() { return new DocumentSet(Kind.ALL, null, List.of()); }

    public static DocumentSet production(long id) { return new DocumentSet(Kind.PRODUCTION, id, List.of()); }

    public static DocumentSet list(List<Long> ids) { return new DocumentSet(Kind.LIST, null, ids); }
}
