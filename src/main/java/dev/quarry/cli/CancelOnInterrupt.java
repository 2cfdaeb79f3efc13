package dev.quarry.cli;

import dev.quarry.core.jobs.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or a plain {@code kill} (SIGTERM) during a long command cancels its job cleanly
 * instead of killing it mid-write: the command's {@link CancelToken} is cancelled, the job stops at the
 * next file or chunk, is marked cancelled, and the command prints its summary and exits 3 as usual.
 *
 * <p>Why a signal handler and not only a shutdown hook: once the JVM starts shutting down, every hook
 * runs at once, and ONNX Runtime's own hook frees its native environment while the embedding thread
 * may still be using it. A hook that cancelled and waited crashed the JVM (SIGSEGV in
 * {@code OrtSession.createSession}) when Ctrl-C came while the model loaded. Handling the signal
 * keeps the JVM from shutting down until the command has stopped. {@code sun.misc.Signal} is in
 * {@code jdk.unsupported}, exported on every JDK since 9 and still the only way to do this.
 *
 * <p>A second Ctrl-C stops at once ({@code halt(130)}): like a kill, that leaves every file wholly
 * stored or still pending (ADR 0003), the job is marked interrupted at the next open and resumes.
 * Where the signals cannot be handled (the JVM was started with {@code -Xrs}), a shutdown hook
 * cancels and waits instead, which is what it can do.
 */
final class CancelOnInterrupt {
    static final int WAIT_SECONDS = 60;

    private final CancelToken token = new CancelToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger interrupts = new AtomicInteger();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final Thread hook;
    private final String what;
    private volatile int exitCode = 3;

    /** @param what the work, for the message ("the import") */
    CancelOnInterrupt(String what) {
        this.what = what;
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal s = new Signal(name);
                previous.add(Signal.handle(s, sig -> onInterrupt()));
                signals.add(s);
            } catch (IllegalArgumentException unavailable) {
                LoggerFactory.getLogger(CancelOnInterrupt.class).debug("SIG{} cannot be handled here", name);
            }
        }
        this.hook = new Thread(this::onShutdown, "quarry-cancel-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    CancelToken token() {
        return token;
    }

    private void onInterrupt() {
        if (interrupts.incrementAndGet() > 1) {
            System.err.println();
            System.err.println("Stopped at once. Nothing stored is half-written; run the same command again to resume.");
            System.err.flush();
            Runtime.getRuntime().halt(130);
        }
        token.cancel();
        System.err.println();
        System.err.println("Cancelling " + what + ": finishing or dropping the file or chunk at hand "
                + "(Ctrl-C again to stop at once)...");
    }

    /** Only when the signals could not be handled, or the process is ending another way (SIGHUP). */
    private void onShutdown() {
        token.cancel();
        try {
            finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        // The command's own System.exit is blocked behind this hook; halt ends the process with its code.
        Runtime.getRuntime().halt(exitCode);
    }

    /** The command is over and its output printed: the signals get their old handlers back. */
    void finish(int code) {
        exitCode = code;
        for (int i = 0; i < signals.size(); i++) Signal.handle(signals.get(i), previous.get(i));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it exits with the code once released
        }
        finished.countDown();
    }
}
