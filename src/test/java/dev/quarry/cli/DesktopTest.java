package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bin/quarry` with no display or no GTK says in one sentence what is missing, before or instead of JavaFX's trace. */
class DesktopTest {
    @TempDir Path tmp;

    @Test
    void aLinuxSessionWithoutDisplayIsNamedBeforeJavaFxLoads() {
        assertThat(Desktop.missingDisplay("Linux", Map.of())).startsWith("No display: set DISPLAY or WAYLAND_DISPLAY");
        assertThat(Desktop.missingDisplay("Linux", Map.of("DISPLAY", " "))).isNotNull();
        assertThat(Desktop.missingDisplay("FreeBSD", Map.of())).isNotNull();
        assertThat(Desktop.missingDisplay("Linux", Map.of("DISPLAY", ":0"))).isNull();
        assertThat(Desktop.missingDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"))).isNull();
        assertThat(Desktop.missingDisplay("Mac OS X", Map.of())).isNull();
        assertThat(Desktop.missingDisplay("Windows 11", Map.of())).isNull();

        AtomicBoolean launched = new AtomicBoolean();
        Captured c = capture(() -> Desktop.start(() -> launched.set(true), "Linux", Map.of()));
        assertThat(c.code()).isEqualTo(1);
        assertThat(launched).as("JavaFX is not started at all").isFalse();
        assertThat(c.err().strip()).isEqualTo("quarry: " + Desktop.missingDisplay("Linux", Map.of()));
    }

    @Test
    void theToolkitsOwnFailuresBecomeOneSentence() {
        // The exceptions JavaFX 21 throws, seen with libgtk-3.so.0 hidden and with a display that is not there.
        RuntimeException noGtk = new UnsupportedOperationException("Unable to load glass GTK library.");
        RuntimeException noDisplay = new UnsupportedOperationException("Unable to open DISPLAY");
        Map<String, String> env = Map.of("DISPLAY", ":99");
        assertThat(Desktop.toolkitFailure(noGtk, env)).startsWith("The desktop app needs GTK 3").contains("libgtk-3-0");
        assertThat(Desktop.toolkitFailure(new RuntimeException("launch failed", noGtk), env)).startsWith("The desktop app needs GTK 3");
        assertThat(Desktop.toolkitFailure(new UnsatisfiedLinkError("libglassgtk3.so: libgtk-3.so.0: cannot open shared object file"), env))
                .startsWith("The desktop app needs GTK 3");
        assertThat(Desktop.toolkitFailure(noDisplay, env)).startsWith("The display ':99' cannot be opened");
        assertThat(Desktop.toolkitFailure(new IllegalStateException("something else"), env)).isNull();

        Captured c = capture(() -> Desktop.start(() -> { throw noGtk; }, "Linux", env));
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err().strip()).isEqualTo("quarry: " + Desktop.toolkitFailure(noGtk, env));
        assertThat(c.err().lines().count()).isEqualTo(1);
        // A failure that is not the toolkit's is not hidden behind a sentence about it.
        assertThatThrownBy(() -> Desktop.start(() -> { throw new IllegalStateException("a bug"); }, "Linux", env))
                .hasMessage("a bug");
    }

    @Test
    void quarryWithoutArgumentsAndWithoutDisplayExitsWithOneSentence() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = tmp.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dquarry.home=" + tmp.resolve("home"), "dev.quarry.Main"))
                .redirectError(err.toFile()).redirectOutput(tmp.resolve("out").toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String text = Files.readString(err).strip();
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(text).isEqualTo("quarry: " + Desktop.missingDisplay("Linux", Map.of()));
        }
    }

    record Captured(int code, String err) {}

    private static synchronized Captured capture(java.util.function.IntSupplier run) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Captured(run.getAsInt(), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
