package dev.quarry.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.QuarryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

    @Test
    void sameThreadRunnerDeliversSuccessThenFinally() {
        List<String> calls = new ArrayList<>();
        TaskRunner.sameThread().task("t", () -> 42)
                .onSuccess(v -> calls.add("success " + v))
                .onError(e -> calls.add("error"))
                .onFinally(() -> calls.add("finally"))
                .start();
        assertThat(calls).containsExactly("success 42", "finally");
    }

    @Test
    void aQuarryExceptionReachesTheErrorHandlerAsItsSentenceAndDetail() {
        AtomicReference<UserError> seen = new AtomicReference<>();
        List<String> calls = new ArrayList<>();
        TaskRunner.sameThread().task("t", () -> {
                    throw new QuarryException("The folder is not empty.", "dir=/x", null);
                })
                .onSuccess(v -> calls.add("success"))
                .onError(seen::set)
                .onFinally(() -> calls.add("finally"))
                .start();
        assertThat(seen.get().message()).isEqualTo("The folder is not empty.");
        assertThat(seen.get().detail()).isEqualTo("dir=/x");
        assertThat(seen.get().expected()).isTrue();
        assertThat(calls).containsExactly("finally");
    }

    @Test
    void anUnexpectedFailureShowsOneSentenceAndKeepsTheTraceForCopying() {
        UserError e = UserError.of(new IllegalStateException("boom"));
        assertThat(e.message()).doesNotContain("IllegalStateException").endsWith(".");
        assertThat(e.detail()).contains("IllegalStateException: boom").contains("at dev.quarry");
        assertThat(e.expected()).isFalse();
    }

    @Test
    void workRunsInTheBackgroundAndCallbacksOnTheUiExecutor() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-ui"));
        try (TaskRunner runner = TaskRunner.withPool(2, ui)) {
            AtomicReference<String> workThread = new AtomicReference<>();
            AtomicReference<String> successThread = new AtomicReference<>();
            AtomicReference<String> finallyThread = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            runner.task("t", () -> {
                        workThread.set(Thread.currentThread().getName());
                        return "x";
                    })
                    .onSuccess(v -> successThread.set(Thread.currentThread().getName()))
                    .onFinally(() -> {
                        finallyThread.set(Thread.currentThread().getName());
                        done.countDown();
                    })
                    .start();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workThread.get()).startsWith("quarry-task-");
            assertThat(successThread.get()).isEqualTo("fake-ui");
            assertThat(finallyThread.get()).isEqualTo("fake-ui");
        } finally {
            ui.shutdownNow();
        }
    }
}
