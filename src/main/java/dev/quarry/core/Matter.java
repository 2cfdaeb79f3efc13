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
 * In an encrypted matter every file of {@code files/} and {@code index/} is encrypted too, and all keys
 * come from one master key that {@code matter.key} keeps wrapped by the password (docs/adr/0009-encrypted-matters.md).
 */
public final class Matter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Matter.class);
    public static final String DESCRIPTOR = "matter.json";
    /** The newest format this Quarry reads. 2: an encrypted matter's files and indexes are encrypted too. */
    public static final int FORMAT = 2;
    /** Unencrypted matters, and encrypted ones made before format 2 (only their database is encrypted). */
    static final int FORMAT_PLAIN = 1;
    static final int FORMAT_ENCRYPTED_FILES = 2;

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
    /** The keys of files and indexes; null in an unencrypted (or format-1 encrypted) matter. */
    private final dev.quarry.core.crypto.MatterKey key;
    private final Database db;
    private final BlobStore blobs;
    private final Settings settings;
    private final AuditLog audit;

    private Matter(Path dir, Descriptor descriptor, dev.quarry.core.crypto.MatterKey key, Database db) {
        this.dir = dir;
        this.descriptor = descriptor;
        this.key = key;
        this.db = db;
        this.blobs = key != null ? new BlobStore(dir.resolve("files"), key.originals(), key.namingKey())
                : new BlobStore(dir.resolve("files"));
        this.settings = new Settings(db);
        this.audit = new AuditLog(db);
    }

    /**
     * Creates a matter in {@code dir} (which must be missing or empty). With a password everything in it
     * but {@code matter.json} and the wrapped key in {@code matter.key} is encrypted at rest.
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
        Descriptor d = new Descriptor(encrypted ? FORMAT_ENCRYPTED_FILES : FORMAT_PLAIN, UUID.randomUUID().toString(), encrypted, Clock.now());
        claim(dir);
        dev.quarry.core.crypto.MatterKey key = null;
        Database db;
        try {
            if (encrypted) key = dev.quarry.core.crypto.MatterKey.create(dir, password);
            db = Database.create(dir, encrypted ? key.databasePassword() : null);
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, key, db);
        m.settings.put(Settings.NAME, name == null || name.isBlank() ? dir.getFileName().toString() : name.strip());
        if (embeddingModel != null) m.settings.put(Settings.EMBEDDING_MODEL, embeddingModel);
        m.writeDescriptor();
        m.audit.record("matter.created", "matter", d.id(), java.util.Map.of("encrypted", encrypted));
        return m;
    }

    /**
     * Opens an existing matter to work on it; a password is needed when {@link #isEncrypted(Path)} says so.
     * Another process that has it open (the app, an import) owns it, and this is refused in one sentence.
     */
    public static Matter open(Path dir, char[] password) {
        Matter m = openForReading(dir, password);
        if (m.guest()) {
            m.close();
            throw new QuarryException("This matter is open in another Quarry window or process; close it there first.");
        }
        return m;
    }

    /**
     * Opens a matter for a command that only reads it (or adds rows, like an audit event): it succeeds while
     * another process has the matter open, as a {@link #guest()} of that process. Alone, it opens the
     * matter exactly as {@link #open} does.
     */
    public static Matter openForReading(Path dir, char[] password) {
        dir = dir.toAbsolutePath().normalize();
        Descriptor d = readDescriptor(dir);
        if (d.encrypted() && (password == null || password.length == 0)) {
            throw new PasswordRequiredException();
        }
        if (d.format() > FORMAT) {
            throw new QuarryException("This matter was made by a newer version of Quarry; update Quarry to open it.");
        }
        claim(dir);
        dev.quarry.core.crypto.MatterKey key = null;
        Database db;
        try {
            if (d.encrypted() && d.format() >= FORMAT_ENCRYPTED_FILES) {
                // The password is checked against the key file before the database is touched, so a wrong
                // one leaves nothing behind (H2 would write a quarry.trace.db).
                key = dev.quarry.core.crypto.MatterKey.open(dir, password);
                db = Database.open(dir, key.databasePassword());
            } else {
                if (d.encrypted()) {
                    log.warn("{} is an encrypted matter of format 1: only its database is encrypted, its files/ and index/ are not;"
                            + " create a new encrypted matter and import again to encrypt them (docs/adr/0009-encrypted-matters.md)", dir);
                }
                db = Database.open(dir, d.encrypted() ? password : null);
            }
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, key, db);
        if (m.guest()) return m; // the owner's import may be writing those temporary files right now
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

    /**
     * True when another process (the app, an import) has this matter open and this one reaches its
     * database through it. A guest reads, and may add rows; it never changes what lies beside the database:
     * the indexes (rebuilt, caught up or saved only by the owner), stored files, or the state of jobs.
     */
    public boolean guest() { return db.guest(); }

    public Path dir() { return dir; }
    public String id() { return descriptor.id(); }
    public boolean encrypted() { return descriptor.encrypted(); }
    /** True when files and indexes are encrypted too (format 2); false for unencrypted and format-1 encrypted matters. */
    public boolean filesEncrypted() { return key != null; }
    public String name() { return settings.get(Settings.NAME); }
    public Database db() { return db; }
    public BlobStore blobs() { return blobs; }
    public Settings settings() { return settings; }
    public AuditLog audit() { return audit; }

    /** Folder for rebuildable indexes (vector, keyword); deleting it loses nothing. */
    public Path indexDir() { return dir.resolve("index"); }

    /** How the indexes encrypt their files: null in an unencrypted (or format-1 encrypted) matter. */
    public dev.quarry.core.crypto.FileCipher indexCipher() { return key != null ? key.indexes() : null; }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            try {
                blobs.close();
            } catch (IOException e) {
                log.warn("Could not release the decrypted copies of {}", dir, e);
            } finally {
                if (key != null) key.destroy();
                OPEN.remove(dir);
            }
        }
    }
}
