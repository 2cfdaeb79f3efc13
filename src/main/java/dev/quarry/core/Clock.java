package dev.quarry.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Wall-clock time at millisecond precision, the precision H2 stores. */
public final class Clock {
    private Clock() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
