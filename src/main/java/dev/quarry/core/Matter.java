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
 */
public final class Matter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Matter.class);
    public static final String DESCRIPTOR = "matter.json";
    public static final int FORMAT = 1;

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
    private final Database db;
    private final BlobStore blobs;
    private final Settings settings;
    private final AuditLog audit;

    private Matter(Path dir, Descriptor descriptor, Database db) {
        this.dir = dir;
        this.descriptor = descriptor;
        this.db = db;
        this.blobs = new BlobStore(dir.resolve("files"));
        this.settings = new Settings(db);
        this.audit = new AuditLog(db);
    }

    /**
     * Creates a matter in {@code dir} (which must be missing or empty). With a password the database is
     * AES-encrypted at rest.
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
        Descriptor d = new Descriptor(FORMAT, UUID.randomUUID().toString(), encrypted, Clock.now());
        claim(dir);
        Database db;
        try {
            db = Database.create(dir, password);
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, db);
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
        Database db;
        try {
            db = Database.open(dir, d.encrypted() ? password : null);
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            throw e;
        }
        Matter m = new Matter(dir, d, db);
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
    public String name() { return settings.get(Settings.NAME); }
    public Database db() { return db; }
    public BlobStore blobs() { return blobs; }
    public Settings settings() { return settings; }
    public AuditLog audit() { return audit; }

    /** Folder for rebuildable indexes (vector, keyword); deleting it loses nothing. */
    public Path indexDir() { return dir.resolve("index"); }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            OPEN.remove(dir);
        }
    }
}
