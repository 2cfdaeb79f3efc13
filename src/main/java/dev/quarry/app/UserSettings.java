package dev.quarry.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.AppDirs;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user preferences in {@code settings.json} under {@link AppDirs#home()}: the theme and the recently
 * opened matters. Nothing confidential lives here (no passwords, no keys). Written atomically (temp file,
 * then move), so a crash never leaves half a file. Reads and writes touch disk: call them off the FX thread.
 */
public final class UserSettings {
    private static final Logger log = LoggerFactory.getLogger(UserSettings.class);
    public static final int MAX_RECENT = 10;

    public record RecentMatter(@JsonProperty("path") String path, @JsonProperty("name") String name,
                               @JsonProperty("opened_at") Instant openedAt) {}

    /**
     * @param reviewer the user's name as a reviewer (deficiency overrides carry it), asked once; null until given
     * @param autoAnalyse analyse a production for deficiencies when its import finishes (with the last report's requests)
     */
    public record Prefs(@JsonProperty("theme") String theme, @JsonProperty("recent") List<RecentMatter> recent,
                        @JsonProperty("reviewer") String reviewer, @JsonProperty("auto_analyse") boolean autoAnalyse) {
        public Prefs {
            theme = theme == null ? "light" : theme;
            recent = recent == null ? List.of() : List.copyOf(recent);
        }

        public Prefs(String theme, List<RecentMatter> recent) {
            this(theme, recent, null, false);
        }

        public Prefs withTheme(String t) {
            return new Prefs(t, recent, reviewer, autoAnalyse);
        }

        public Prefs withReviewer(String name) {
            return new Prefs(theme, recent, name == null || name.isBlank() ? null : name.strip(), autoAnalyse);
        }

        public Prefs withAutoAnalyse(boolean on) {
            return new Prefs(theme, recent, reviewer, on);
        }

        /** Moves (or adds) a matter to the top of the recent list. */
        public Prefs withRecent(Path dir, String name, Instant at) {
            String p = dir.toAbsolutePath().normalize().toString();
            List<RecentMatter> out = new ArrayList<>();
            out.add(new RecentMatter(p, name, at));
            for (RecentMatter r : recent) if (!r.path().equals(p) && out.size() < MAX_RECENT) out.add(r);
            return new Prefs(theme, out, reviewer, autoAnalyse);
        }

        public Prefs withoutRecent(String path) {
            return new Prefs(theme, recent.stream().filter(r -> !r.path().equals(path)).toList(), reviewer, autoAnalyse);
        }
    }

    private final Path file;
    private Prefs current;

    public UserSettings(Path file) {
        this.file = file;
    }

    public static UserSettings standard() {
        return new UserSettings(AppDirs.home().resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    /** Reads the file; a missing or unreadable one gives the defaults (a damaged file is set aside). */
    public synchronized Prefs load() {
        if (current != null) return current;
        current = new Prefs(null, null);
        if (Files.isRegularFile(file)) {
            try {
                current = Json.MAPPER.readValue(file.toFile(), Prefs.class);
            } catch (IOException e) {
                log.warn("Settings file {} is unreadable; starting from defaults", file, e);
                try {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    log.warn("Could not set aside {}", file, moveFailed);
                }
            }
        }
        return current;
    }

    public synchronized void save(Prefs prefs) {
        current = prefs;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), prefs);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new QuarryException("Your Quarry settings could not be saved in " + file.getParent() + ".", e);
        }
    }

    public synchronized Prefs update(java.util.function.UnaryOperator<Prefs> change) {
        Prefs next = change.apply(load());
        save(next);
        return next;
    }
}
