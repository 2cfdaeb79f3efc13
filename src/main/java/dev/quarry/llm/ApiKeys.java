package dev.quarry.llm;

import dev.quarry.core.AppDirs;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where API keys live, stated plainly: for the command line, only in the QUARRY_LLM_API_KEY environment
 * variable; for the desktop app, in {@code <QUARRY_HOME>/credentials.properties}, readable by the user
 * alone (POSIX 0600), outside every matter folder. This Linux machine has no OS keychain service, so a
 * keychain is not used; keys therefore never travel with a copied matter, never enter its database,
 * exports or audit, and {@link LlmConfig#toString()} masks them for logs.
 */
public final class ApiKeys {
    public static final String ENV = "QUARRY_LLM_API_KEY";
    private final Path file;

    public ApiKeys(Path file) {
        this.file = file;
    }

    /** Where saved keys live (the settings screen says so). */
    public Path file() {
        return file;
    }

    public static ApiKeys userDefault() {
        return new ApiKeys(AppDirs.home().resolve("credentials.properties"));
    }

    /** The environment variable wins; then the user's credentials file, keyed by provider id. */
    public Optional<String> find(LlmProvider provider, Map<String, String> env) {
        String v = env.get(ENV);
        if (v != null && !v.isBlank()) return Optional.of(v.strip());
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new QuarryException("The API key file " + file + " could not be read.", e);
        }
        return Optional.ofNullable(p.getProperty(provider.id())).filter(s -> !s.isBlank());
    }

    public void store(LlmProvider provider, String key) {
        Properties p = new Properties();
        try {
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
            }
            p.setProperty(provider.id(), key);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not POSIX (Windows): the user's profile folder protects it
            }
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Quarry API keys: keep this file private");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new QuarryException("The API key could not be saved in " + file + ".", e);
        }
    }
}
