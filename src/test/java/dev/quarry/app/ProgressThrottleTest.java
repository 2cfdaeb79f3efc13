package dev.quarry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    @Test
    void passesAtMostOneValuePerIntervalAndFlushesTheLast() {
        AtomicLong nanos = new AtomicLong(0);
        List<Integer> delivered = new ArrayList<>();
        ProgressThrottle<Integer> t = new ProgressThrottle<>(TaskRunner.sameThread(), 100, delivered::add, nanos::get);
        for (int i = 1; i <= 1000; i++) {
            nanos.addAndGet(1_000_000); // 1 ms apart: 1 second in all
            t.accept(i);
        }
        t.flush();
        assertThat(delivered).hasSizeBetween(9, 12);
        assertThat(delivered.get(0)).isEqualTo(1);
        assertThat(delivered.get(delivered.size() - 1)).isEqualTo(1000);
        assertThat(delivered).isSorted();
    }

    @Test
    void flushWithNothingNewDeliversNothing() {
        List<Integer> delivered = new ArrayList<>();
        ProgressThrottle<Integer> t = new ProgressThrottle<>(TaskRunner.sameThread(), 100, delivered::add, () -> 0L);
        t.accept(1);
        t.flush();
        assertThat(delivered).containsExactly(1);
    }
}
