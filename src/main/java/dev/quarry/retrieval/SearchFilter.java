package dev.quarry.retrieval;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a search is limited to; null or empty means no limit. Dense and keyword search apply the same
 * filter (as SQL over chunks and documents, and as Lucene filter clauses).
 */
public record SearchFilter(Set<Long> documentIds, String custodian, Long productionId,
                           LocalDate dateFrom, LocalDate dateTo, String mediaType) {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null);

    public boolean isEmpty() {
        return (documentIds == null || documentIds.isEmpty()) && blank(custodian) && productionId == null
                && dateFrom == null && dateTo == null && blank(mediaType);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
