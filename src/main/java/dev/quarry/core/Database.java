package dev.quarry.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matter's embedded H2 database: opening (optionally AES-encrypted), Flyway migrations, pooled
 * connections and the translation of H2's failures into one clear sentence each.
 *
 * <p>The first process to open a matter owns its database file (H2 locks it) and, with {@code AUTO_SERVER},
 * serves it on a loopback port written into {@code quarry.lock.db}. A second process (a read-only command
 * while the app has the matter open) then reaches the same database through the owner: {@link #guest()}
 * is true, it runs no migrations and never shuts the owner's database down. See docs/adr/0001.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "quarry";
    private static final String USER = "quarry";

    static {
        // AUTO_SERVER's port would listen on every interface and advertise the host's address; a matter is
        // only ever shared between processes on this machine, so bind to loopback (read by H2 at class init).
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    private final JdbcConnectionPool pool;
    /** The pool's source, for the one connection that shuts the database down outside the pool. */
    private final JdbcDataSource source;
    private final boolean guest;

    private Database(JdbcConnectionPool pool, JdbcDataSource source, boolean guest) {
        this.pool = pool;
        this.source = source;
        this.guest = guest;
    }

    /** Creates the database file; fails if one is already there. */
    public static Database create(Path dir, char[] password) {
        return open(dir, password, false);
    }

    /** Opens an existing database and brings its schema up to date. */
    public static Database open(Path dir, char[] password) {
        return open(dir, password, true);
    }

    private static Database open(Path dir, char[] password, boolean mustExist) {
        boolean encrypted = password != null && password.length > 0;
        // AUTO_SERVER needs H2's own close at JVM exit (DB_CLOSE_ON_EXIT, the default): it refuses to start
        // without it. Closing at exit also writes the last WRITE_DELAY of commits instead of dropping them.
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(FILE_NAME)
                + (encrypted ? ";CIPHER=AES" : "")
                + (mustExist ? ";IFEXISTS=TRUE" : "")
                // H2's trace file is plain text and quotes statements: an encrypted matter must not get one.
                + (encrypted ? ";TRACE_LEVEL_FILE=0" : "")
                + ";AUTO_SERVER=TRUE;RETENTION_TIME=1000;WRITE_DELAY=200;CACHE_SIZE=" + cacheKb();
        // H2 takes "<file password> <user password>"; we use the same secret for both.
        String pw = encrypted ? new String(password) + " " + new String(password) : "";
        JdbcConnectionPool pool = null;
        boolean guest = false;
        boolean removedCopiedLock = false;
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser(USER);
        source.setPassword(pw);
        for (int attempt = 1; pool == null; attempt++) {
            JdbcConnectionPool p = JdbcConnectionPool.create(source);
            p.setMaxConnections(16);
            try (Connection c = p.getConnection()) {
                c.isValid(1);
                guest = c.unwrap(JdbcConnection.class).getSession().isRemote();
                if (guest && !servesThisFile(c, dir)) {
                    if (removedCopiedLock) throw new QuarryException("The matter's database could not be opened.");
                    removedCopiedLock = true;
                    // A matter folder copied while open holds its original's quarry.lock.db, which names the
                    // original's server: H2 would connect this matter to the original's database. That lock
                    // file belongs to no one here, so it goes, and the next attempt opens this matter's own file.
                    p.dispose();
                    log.info("Removing a lock file copied from another matter's folder in {}", dir);
                    Files.deleteIfExists(dir.toAbsolutePath().resolve(FILE_NAME + ".lock.db"));
                    continue;
                }
                pool = p;
            } catch (java.io.IOException e) {
                throw new QuarryException("The matter's lock file could not be removed from " + dir + ".", e);
            } catch (SQLException e) {
                p.dispose();
                // The same process closing this matter a moment ago (a command run right after another, a
                // window reopening it) can still hold it for a few milliseconds: try again before saying so.
                boolean closing = e.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                        || e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1;
                if (!closing || attempt == 3) {
                    log.warn("Opening the database in {} failed (H2 error {})", dir, e.getErrorCode(), e);
                    throw translateOpenError(e, dir, encrypted);
                }
                sleepQuietly(150L * attempt);
            }
        }
        Database db = new Database(pool, source, guest);
        try {
            if (guest) db.checkSchema(); else db.migrate(dir);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Whether the server a guest reached serves the database file of {@code dir}, not another folder's. */
    private static boolean servesThisFile(Connection c, Path dir) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            Path served = Path.of(rs.getString(1) + ".mv.db");
            // The same file, whatever links lead to it: only a copy (another file) is someone else's.
            return Files.exists(served) && Files.isSameFile(served, dir.toAbsolutePath().resolve(FILE_NAME + ".mv.db"));
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * H2's page cache, in KB: an eighth of the maximum heap, between 16 MB (H2's default) and 256 MB. Search
     * reads each hit's chunk and each candidate's exact vector from the database; with the default 16 MB a
     * matter of 50,000 chunks (~300 MB) missed the cache on most of those reads.
     */
    static long cacheKb() {
        long eighth = Runtime.getRuntime().maxMemory() / 8 / 1024;
        return Math.max(16 * 1024, Math.min(256 * 1024, eighth));
    }

    /**
     * True when another process owns the database file and this one reaches it through that process's
     * server: rows can be read and written (H2 serialises them), but migrations, shutdown and everything
     * kept beside the database (indexes, stored files, jobs) belong to the owner.
     */
    public boolean guest() {
        return guest;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
    }

    /** A guest migrates nothing: the schema must be exactly the one this Quarry knows. */
    private void checkSchema() {
        for (MigrationInfo i : flyway().info().all()) {
            String state = i.getState().name();
            if (state.startsWith("FUTURE")) {
                throw new QuarryException("This matter is open in a newer version of Quarry (schema version "
                        + i.getVersion() + "); update Quarry to read it.");
            }
            if (state.equals("PENDING")) {
                throw new QuarryException("This matter is open in an older version of Quarry; close it there, "
                        + "and this one will bring it up to date.");
            }
        }
    }

    private void migrate(Path dir) {
        Flyway flyway = flyway();
        MigrationInfo[] future = java.util.Arrays.stream(flyway.info().all())
                .filter(i -> i.getState().name().startsWith("FUTURE")).toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            throw new QuarryException("This matter was last opened by a newer version of Quarry (schema version "
                    + future[future.length - 1].getVersion() + "); update Quarry to open it.");
        }
        try {
            int applied = flyway.migrate().migrationsExecuted;
            if (applied > 0) log.info("Applied {} migration(s) to {}", applied, dir);
        } catch (FlywayException e) {
            throw new QuarryException("The matter's database could not be brought up to date.", e);
        }
    }

    static QuarryException translateOpenError(SQLException e, Path dir, boolean encrypted) {
        int code = e.getErrorCode();
        if (code == ErrorCode.WRONG_USER_OR_PASSWORD || code == ErrorCode.FILE_ENCRYPTION_ERROR_1) {
            return encrypted ? new WrongPasswordException(e) : new QuarryException("This matter is encrypted; give its password.", e);
        }
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new QuarryException("This matter is open in another Quarry window or process; close it there first.", e);
        }
        if (code == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1 || code == ErrorCode.DATABASE_NOT_FOUND_1) {
            return new QuarryException("There is no Quarry matter database in " + dir + ".", e);
        }
        if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1) {
            return new QuarryException("The matter's database file is damaged; restore the matter folder from a backup.", e);
        }
        if (code == ErrorCode.IO_EXCEPTION_1 || code == ErrorCode.IO_EXCEPTION_2) {
            return new QuarryException("The matter's database could not be read or written (is the disk full or read-only?).", e);
        }
        return new QuarryException("The matter's database could not be opened.", e);
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw storageError(e);
        }
    }

    /** Runs a read or a single autocommitted statement. */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw storageError(e);
        }
    }

    public static QuarryException storageError(SQLException e) {
        int code = e.getErrorCode();
        if (code == ErrorCode.IO_EXCEPTION_1 || code == ErrorCode.IO_EXCEPTION_2
                || code == ErrorCode.GENERAL_ERROR_1 && String.valueOf(e.getMessage()).contains("No space left")) {
            return new QuarryException("The matter's database could not be written; the disk may be full.", e);
        }
        if (code == ErrorCode.DATABASE_IS_CLOSED) {
            return new QuarryException("The matter was closed while work was still running.", e);
        }
        return new QuarryException("A database operation failed.", e);
    }

    @Override
    public void close() {
        if (guest) {
            // SHUTDOWN from a guest would close the owner's database under it (the app's open matter).
            pool.dispose();
            return;
        }
        // SHUTDOWN runs on a connection of its own: a pooled one, handed back after it, would be rolled back
        // on the closed database, and H2 would write that into a quarry.trace.db in the matter folder.
        try (Connection c = source.getConnection()) {
            // Idle pooled connections are closed while the database is still open (closed after it, each
            // would be rolled back on a closed database too); the finally covers a failed shutdown.
            pool.dispose();
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException e) {
            log.debug("Shutdown of an already closed database", e);
        } finally {
            pool.dispose();
        }
    }

    @FunctionalInterface
    public interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}
