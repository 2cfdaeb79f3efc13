package dev.quarry.extraction;

import java.time.Instant;
import java.util.List;

/** A grid: documents × variables, with its workflow state and the dataset fields it shows as given columns. */
public record Grid(long id, String name, String domain, String language, GridStatus status, DocumentSet.Kind documentSet,
                   Long productionId, List<String> givenColumns, double confidenceThreshold, Instant createdAt,
                   Instant updatedAt) {
    public Grid {
        givenColumns = givenColumns == null ? List.of() : List.copyOf(givenColumns);
    }
}
