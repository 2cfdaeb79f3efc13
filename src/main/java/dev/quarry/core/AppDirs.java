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

    /**
     * The models folder (embedding models, OCR language data): {@code -Dquarry.models}, else {@code QUARRY_MODELS},
     * else ./models, else a {@code models} folder beside or above the running jar.
     */
    public static Path models() {
        String prop = System.getProperty("quarry.models", System.getenv("QUARRY_MODELS"));
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        Path local = Path.of("models");
        if (java.nio.file.Files.isDirectory(local)) return local;
        try {
            Path jar = Path.of(AppDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (java.nio.file.Files.isDirectory(p.resolve("models"))) return p.resolve("models");
            }
        } catch (Exception e) {
            // fall through to the relative default
        }
        return local;
    }

    /** Native libraries unpacked from their jars (the OCR engine's): inside Quarry's data folder, not ~/.javacpp. */
    public static Path nativeCache() {
        return home().resolve("cache").resolve("native");
    }
}
