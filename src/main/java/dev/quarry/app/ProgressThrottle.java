package dev.quarry.app;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Passes the latest of a fast stream of values (import progress from worker threads) to the UI thread
 * at most once per interval, so a job reporting thousands of times a second never floods the FX queue.
 * {@link #flush()} delivers the last value even if it came inside the interval.
 */
public final class ProgressThrottle<T> implements Consumer<T> {
    private final TaskRunner runner;
    private final Consumer<T> target;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE / 2);

    public ProgressThrottle(TaskRunner runner, long intervalMillis, Consumer<T> target) {
        this(runner, intervalMillis, target, System::nanoTime);
    }

    ProgressThrottle(TaskRunner runner, long intervalMillis, Consumer<T> target, LongSupplier clock) {
        this.runner = runner;
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.clock = clock;
    }

    @Override
    public void accept(T value) {
        latest.set(value);
        long now = clock.getAsLong();
        long last = lastSent.get();
        if (now - last >= intervalNanos && lastSent.compareAndSet(last, now)) send();
    }

    public void flush() {
        send();
    }

    private void send() {
        T v = latest.getAndSet(null);
        if (v != null) runner.onUi(() -> target.accept(v));
    }
}
