package dev.quarry;

import dev.quarry.cli.QuarryCli;

/**
 * The launcher: with no arguments it starts the desktop app, with a command it runs the command line.
 * It does not extend {@code javafx.application.Application}, so JavaFX can live on the class path.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            // Without a display or GTK this says so in one sentence instead of JavaFX's stack trace.
            int code = dev.quarry.cli.Desktop.start(() -> dev.quarry.ui.QuarryApp.start(args));
            if (code != 0) System.exit(code);
        } else {
            System.exit(QuarryCli.run(args));
        }
    }
}
