package dev.quarry.retrieval;

import dev.quarry.core.AppDirs;

/** DJL's process-wide switches: never touch the network, keep its native-library cache in Quarry's folder. */
public final class Djl {
    private Djl() {}

    public static synchronized void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_DISABLE_PROGRESS_BAR", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", AppDirs.home().resolve("djl-cache").toString());
        }
    }
}
