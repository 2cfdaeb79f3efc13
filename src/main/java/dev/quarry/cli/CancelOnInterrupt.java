package dev.quarry.cli;

import dev.quarry.core.jobs.CancelToken;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or a plain {@code kill} (SIGTERM) during a long command cancels its job cleanly
 * instead of killing it mid-write: a shutdown hook cancels the command's {@link CancelToken}, waits
 * for the command to stop at the next file or chunk and print its summary (it calls
 * {@link #finish}), then ends the process with the command's exit code (3 for cancelled). Without
 * the wait the JVM would exit as soon as the hook returned, with the job still marked running.
 *
 * <p>A job that does not stop within {@link #WAIT_SECONDS} is left as it is: the process ends, the
 * job is found "running" at the next open and marked interrupted, which loses nothing either
 * (ADR 0003); only the summary is missing.
 */
final class CancelOnInterrupt {
    static final int WAIT_SECONDS = 60;

    private final CancelToken token = new CancelToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final String what;
    private volatile int exitCode = 3;

    /** @param what the work, for the message ("the import") */
    CancelOnInterrupt(String what) {
        this.what = what;
        this.hook = new Thread(this::onShutdown, "quarry-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    CancelToken token() {
        return token;
    }

    private void onShutdown() {
        token.cancel();
        System.err.println();
        System.err.println("Cancelling " + what + ": finishing the file or chunk at hand (up to " + WAIT_SECONDS + " s)...");
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

    /**
     * The command is over and its output printed. In a normal run this removes the hook; after an
     * interrupt it lets the waiting hook end the process with {@code code}.
     */
    void finish(int code) {
        exitCode = code;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it exits with the code once released
        }
        finished.countDown();
    }
}
