package dev.quarry.app;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place background work starts. A view model hands it a piece of work; the work runs on the
 * background executor and its success, error and finally callbacks run on the UI executor (the FX
 * thread in the app, the calling thread in tests). Nothing here knows JavaFX: the UI executor is
 * injected ({@code Platform::runLater} in the app).
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final ExecutorService background;
    private final Executor ui;

    public TaskRunner(ExecutorService background, Executor ui) {
        this.background = background;
        this.ui = Objects.requireNonNull(ui);
    }

    /** A pool of daemon threads for the app: a kill or window close never waits on a stuck task. */
    public static TaskRunner withPool(int threads, Executor ui) {
        AtomicInteger n = new AtomicInteger();
        return new TaskRunner(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "quarry-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }), ui);
    }

    /** Runs everything at once on the calling thread: for view-model tests. */
    public static TaskRunner sameThread() {
        return new TaskRunner(null, Runnable::run);
    }

    /** Starts describing a piece of work; call {@link Task#start()} to run it. */
    public <T> Task<T> task(String name, Callable<T> work) {
        return new Task<>(name, work);
    }

    /** Hands something to the UI thread (for throttled progress, never for work). */
    public void onUi(Runnable r) {
        ui.execute(r);
    }

    public Executor ui() {
        return ui;
    }

    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
            try {
                background.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public final class Task<T> {
        private final String name;
        private final Callable<T> work;
        private Consumer<? super T> onSuccess = v -> {};
        private Consumer<UserError> onError = e -> {};
        private Runnable onFinally = () -> {};

        private Task(String name, Callable<T> work) {
            this.name = name;
            this.work = work;
        }

        public Task<T> onSuccess(Consumer<? super T> c) {
            this.onSuccess = c;
            return this;
        }

        /** Receives the failure already turned into one sentence plus copyable detail. */
        public Task<T> onError(Consumer<UserError> c) {
            this.onError = c;
            return this;
        }

        public Task<T> onFinally(Runnable r) {
            this.onFinally = r;
            return this;
        }

        public Future<?> start() {
            if (background == null) {
                execute();
                return CompletableFuture.completedFuture(null);
            }
            return background.submit(this::execute);
        }

        private void execute() {
            T value;
            try {
                value = work.call();
            } catch (Throwable t) {
                UserError error = UserError.of(t);
                if (error.expected()) log.info("{} failed: {}", name, error.message());
                else log.warn("{} failed", name, t);
                ui.execute(() -> {
                    try {
                        onError.accept(error);
                    } finally {
                        onFinally.run();
                    }
                });
                return;
            }
            ui.execute(() -> {
                try {
                    onSuccess.accept(value);
                } finally {
                    onFinally.run();
                }
            });
        }
    }
}
