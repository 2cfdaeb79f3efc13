package dev.quarry.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matter: one folder the user can copy, back up or archive. It holds {@code matter.json} (format,
 * id, whether it is encrypted: nothing confidential), the H2 database, the original files under
 * {@code files/}, and rebuildable indexes under {@code index/}. Nothing in one matter can reach another.
 * In an encrypted matter {@code files/} and {@code index/} live inside the {@link Vault} ({@code vault/})
 * and the database is encrypted under a key derived from the vault's (docs/adr/0009-encrypted-matters.md).
 */
public final class Matter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Matter.class);
    public static final String DESCRIPTOR = "matter.json";
    /** The newest format this Quarry reads. 2: an encrypted matter keeps its files and indexes in {@code vault/}. */
    public static final int FORMAT = 2;
    /** Unencrypted matters, and encrypted ones made before format 2 (only their database is encrypted). */
    static final int FORMAT_PLAIN = 1;
    static final int FORMAT_VAULT = 2;

    /** The unencrypted descriptor that tells Quarry a folder is a matter and whether it needs a password. */
    public record Descriptor(@JsonProperty("format") int format,
                             @JsonProperty("id") String id,
                             @JsonProperty("encrypted") boolean encrypted,
                             @JsonProperty("created_at") Instant createdAt) {}

    /**
     * Matters open in this process. H2 locks a database file against other processes, but within one
     * process a second open would silently share the first; this keeps "open in another window" true.
     */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Descriptor descriptor;
    /** The encrypted storage of files and indexes; null in an unencrypted (or pre-format-2 encrypted) matter. */
    private final Vault vault;
    private final Database db;
    private final BlobStore blobs;
    private final Settings settings;
    private final AuditLog audit;

    private Matter(Path dir, Descriptor descriptor, Vault vault, Database db) {
        this.dir = dir;
        this.descriptor = descriptor;
        this.vault = vault;
        this.db = db;
        this.blobs = new BlobStore(vault != null ? vault.path("files") : dir.resolve("files"));
        this.settings = new Settings(db);
        this.audit = new AuditLog(db);
    }

    /**
     * Creates a matter in {@code dir} (which must be missing or empty). With a password everything in it
     * but {@code matter.json} is encrypted at rest: the database by H2, files and indexes by the vault.
     */
    public static Matter create(Path dir, String name, char[] password, String embeddingModel) {
        dir = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) throw new QuarryException(dir + " is a file, not a folder.");
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new QuarryException("The folder " + dir + " is not empty; choose a new or empty folder for the matter.");
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new QuarryException("The folder " + dir + " could not be created.", e);
        }
        boolean encrypted = password != null && password.length > 0;
        Descriptor d = new Descriptor(encrypted ? FORMAT_VAULT : FORMAT_PLAIN, UUID.randomUUID().toString(), encrypted, Clock.now());
        claim(dir);
        Vault vault = null;
        Database db;
        try {
            if (encrypted) vault = Vault.create(dir, password);
            db = Database.create(dir, encrypted ? vault.databasePassword() : null);
        } catch (RuntimeException e) {
            if (vault != null) vault.close();
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, vault, db);
        m.settings.put(Settings.NAME, name == null || name.isBlank() ? dir.getFileName().toString() : name.strip());
        if (embeddingModel != null) m.settings.put(Settings.EMBEDDING_MODEL, embeddingModel);
        m.writeDescriptor();
        m.audit.record("matter.created", "matter", d.id(), java.util.Map.of("encrypted", encrypted));
        return m;
    }

    /** Opens an existing matter; a password is needed when {@link #isEncrypted(Path)} says so. */
    public static Matter open(Path dir, char[] password) {
        dir = dir.toAbsolutePath().normalize();
        Descriptor d = readDescriptor(dir);
        if (d.encrypted() && (password == null || password.length == 0)) {
            throw new PasswordRequiredException();
        }
        if (d.format() > FORMAT) {
            throw new QuarryException("This matter was made by a newer version of Quarry; update Quarry to open it.");
        }
        claim(dir);
        Vault vault = null;
        Database db;
        try {
            if (d.encrypted() && d.format() >= FORMAT_VAULT) {
                // The password is checked against the vault's key file before the database is touched, so a
                // wrong one leaves nothing behind (H2 would write a quarry.trace.db).
                vault = Vault.open(dir, password);
                db = Database.open(dir, vault.databasePassword());
            } else {
                if (d.encrypted()) {
                    log.warn("{} is an encrypted matter of format 1: only its database is encrypted, its files/ and index/ are not;"
                            + " create a new encrypted matter and import again to encrypt them (docs/adr/0009-encrypted-matters.md)", dir);
                }
                db = Database.open(dir, d.encrypted() ? password : null);
            }
        } catch (RuntimeException e) {
            if (vault != null) vault.close();
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, vault, db);
        try {
            m.blobs.sweepIncoming();
        } catch (IOException e) {
            log.warn("Could not sweep temporary files in {}", dir, e);
        }
        return m;
    }

    private static void claim(Path dir) {
        if (!OPEN.add(dir)) {
            throw new QuarryException("This matter is open in another Quarry window or process; close it there first.");
        }
    }

    public static boolean isMatter(Path dir) {
        return Files.isRegularFile(dir.resolve(DESCRIPTOR));
    }

    public static boolean isEncrypted(Path dir) {
        return readDescriptor(dir.toAbsolutePath().normalize()).encrypted();
    }

    private static Descriptor readDescriptor(Path dir) {
        Path file = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(file)) {
            throw new QuarryException(dir + " is not a Quarry matter (it has no " + DESCRIPTOR + ").");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), Descriptor.class);
        } catch (IOException e) {
            throw new QuarryException("The matter's " + DESCRIPTOR + " is damaged.", e);
        }
    }

    private void writeDescriptor() {
        Path file = dir.resolve(DESCRIPTOR);
        try {
            Path tmp = dir.resolve(DESCRIPTOR + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), descriptor);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new QuarryException("The matter descriptor could not be written in " + dir + ".", e);
        }
    }

    public Path dir() { return dir; }
    public String id() { return descriptor.id(); }
    public boolean encrypted() { return descriptor.encrypted(); }
    /** True when files and indexes are encrypted too (format 2); false for unencrypted and format-1 encrypted matters. */
    public boolean filesEncrypted() { return vault != null; }
    public String name() { return settings.get(Settings.NAME); }
    public Database db() { return db; }
    public BlobStore blobs() { return blobs; }
    public Settings settings() { return settings; }
    public AuditLog audit() { return audit; }

    /**
     * Folder for rebuildable indexes (vector, keyword); deleting it loses nothing. In an encrypted matter it
     * is inside the vault: a path of its file system, not of the default one (no {@code toFile()}, no mmap).
     */
    public Path indexDir() { return vault != null ? vault.path("index") : dir.resolve("index"); }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            try {
                if (vault != null) vault.close();
            } finally {
                OPEN.remove(dir);
            }
        }
    }
}
