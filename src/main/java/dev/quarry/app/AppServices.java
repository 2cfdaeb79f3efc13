package dev.quarry.app;

/**
 * What the desktop app is built from, wired with constructors: the one task runner, the per-user
 * settings and the way matters are opened. Tests build one over a temporary settings file.
 */
public record AppServices(TaskRunner tasks, UserSettings userSettings, Matters matters) implements AutoCloseable {

    @Override
    public void close() {
        tasks.close();
    }
}
