package dev.quarry.core;

import java.nio.file.Path;

/** Where Quarry keeps its per-user files: settings, logs, caches. {@code QUARRY_HOME} overrides ~/.quarry. */
public final class AppDirs {
    private AppDirs() {}

    public static Path home() {
        String env = System.getenv("QUARRY_HOME");
        String prop = System.getProperty("quarry.home");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".quarry");
    }
}
