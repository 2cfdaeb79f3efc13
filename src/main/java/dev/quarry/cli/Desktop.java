package dev.quarry.cli;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the desktop app can start here, and one sentence when it cannot. Without a display, or without
 * GTK on Linux, JavaFX died with a stack trace; the display is checked before JavaFX loads, and the
 * toolkit's own failures (GTK missing, a display that cannot be opened) are caught and named.
 */
public final class Desktop {
    private static final Logger log = LoggerFactory.getLogger(Desktop.class);
    static final String RUN_A_COMMAND = "or run a command (quarry --help lists them).";
    /**
     * JavaFX on the class path (on purpose: see {@code dev.quarry.Main}) logs "Unsupported JavaFX
     * configuration" at every start, which is harmless; it stood before the one sentence that says why the
     * app cannot start. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger PLATFORM_LOG = java.util.logging.Logger.getLogger("javafx");

    private Desktop() {}

    /** Starts the app with {@code launcher}, or says in one sentence on stderr why it cannot; the exit code. */
    public static int start(Runnable launcher) {
        return start(launcher, System.getProperty("os.name", ""), System.getenv());
    }

    static int start(Runnable launcher, String osName, Map<String, String> env) {
        String missing = missingDisplay(osName, env);
        if (missing != null) {
            System.err.println("quarry: " + missing);
            return 1;
        }
        // Only that one message: the "javafx" logger's other warnings (and its children's, like CSS) still show.
        PLATFORM_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        try {
            launcher.run();
            return 0;
        } catch (RuntimeException | LinkageError e) {
            String why = toolkitFailure(e, env);
            if (why == null) throw e;
            log.debug("The desktop toolkit could not start", e);
            System.err.println("quarry: " + why);
            return 1;
        }
    }

    /**
     * The sentence when there is no display to open a window on, else null. On Linux and the BSDs a window
     * needs an X11 or Wayland display named in the environment; Windows and macOS always have one.
     */
    static String missingDisplay(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) return null;
        if (!blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) return null;
        return "No display: set DISPLAY or WAYLAND_DISPLAY to start the desktop app, " + RUN_A_COMMAND;
    }

    /** The sentence for a failure of the toolkit to start that we know, or null for any other failure. */
    static String toolkitFailure(Throwable t, Map<String, String> env) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("Unable to load glass GTK library") || c instanceof UnsatisfiedLinkError && m.toLowerCase(Locale.ROOT).contains("gtk")) {
                return "The desktop app needs GTK 3, which is not installed (on Debian or Ubuntu: sudo apt-get install "
                        + "libgtk-3-0); install it, " + RUN_A_COMMAND;
            }
            if (m.contains("Unable to open DISPLAY")) {
                String d = blank(env.get("DISPLAY")) ? "" : " '" + env.get("DISPLAY") + "'";
                return "The display" + d + " cannot be opened: check DISPLAY and that the display server is running, "
                        + RUN_A_COMMAND;
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
