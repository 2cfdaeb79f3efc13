package dev.quarry.extraction;

import dev.quarry.core.QuarryException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A grid's workflow (seed 002): CREATED → SCHEMA_DEFINED → SAMPLE_TESTING → READY → PROCESSING → COMPLETE | ERROR.
 * Adapted to a desktop app where the reviewer goes back and forth: editing the schema returns a grid to
 * SCHEMA_DEFINED, a refined prompt returns it to SAMPLE_TESTING, a cancelled full run returns it to READY,
 * and ERROR can retry (PROCESSING). A full run needs a sample first, as the seed's flow says.
 */
public enum GridStatus {
    CREATED, SCHEMA_DEFINED, SAMPLE_TESTING, READY, PROCESSING, COMPLETE, ERROR;

    private static final Map<GridStatus, Set<GridStatus>> NEXT = Map.of(
            CREATED, EnumSet.of(SCHEMA_DEFINED),
            SCHEMA_DEFINED, EnumSet.of(SAMPLE_TESTING),
            SAMPLE_TESTING, EnumSet.of(READY, SCHEMA_DEFINED),
            READY, EnumSet.of(PROCESSING, SAMPLE_TESTING, SCHEMA_DEFINED),
            PROCESSING, EnumSet.of(COMPLETE, ERROR, READY),
            COMPLETE, EnumSet.of(PROCESSING, SAMPLE_TESTING, SCHEMA_DEFINED),
            ERROR, EnumSet.of(PROCESSING, SAMPLE_TESTING, SCHEMA_DEFINED));

    /** Whether the workflow allows going from this state to {@code next} (staying put is always allowed). */
    public boolean canMoveTo(GridStatus next) {
        return next == this || NEXT.get(this).contains(next);
    }

    /** The states reachable in one step. */
    public Set<GridStatus> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    /** Throws a sentence the user can act on when the move is not allowed. */
    public void checkMove(GridStatus next, String action) {
        if (canMoveTo(next)) return;
        String hint = switch (this) {
            case CREATED -> " Define at least one variable first.";
            case SCHEMA_DEFINED -> next == PROCESSING || next == READY
                    ? " Run a sample first (grid run DIR GRID --sample 20), check it, then run all." : "";
            case PROCESSING -> " A full run is in progress; cancel it or let it finish first.";
            default -> "";
        };
        throw new QuarryException("The grid is " + this + ": it cannot " + action + " (" + this + " → " + next + ")." + hint);
    }

    /** Whether a run of this kind may start from here (a resumed full run may start from PROCESSING). */
    public boolean canStart(RunKind kind) {
        return kind == RunKind.SAMPLE ? canMoveTo(SAMPLE_TESTING)
                : this == READY || this == SAMPLE_TESTING || this == PROCESSING || this == COMPLETE || this == ERROR;
    }
}
