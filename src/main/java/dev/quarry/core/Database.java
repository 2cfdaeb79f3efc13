package dev.quarry.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matter's embedded H2 database: opening (optionally AES-encrypted), Flyway migrations, pooled
 * connections and the translation of H2's failures into one clear sentence each.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "quarry";
    private static final String USER = "quarry";

    private final JdbcConnectionPool pool;
    /** The pool's source, for the one connection that shuts the database down outside the pool. */
    private final JdbcDataSource source;

    private Database(JdbcConnectionPool pool, JdbcDataSource source) {
        this.pool = pool;
        this.source = source;
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
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(FILE_NAME)
                + (encrypted ? ";CIPHER=AES" : "")
                + (mustExist ? ";IFEXISTS=TRUE" : "")
                // H2's trace file is plain text and quotes statements: an encrypted matter must not get one.
                + (encrypted ? ";TRACE_LEVEL_FILE=0" : "")
                + ";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=1000;WRITE_DELAY=200;CACHE_SIZE=" + cacheKb();
        // H2 takes "<file password> <user password>"; we use the same secret for both.
        String pw = encrypted ? new String(password) + " " + new String(password) : "";
        JdbcConnectionPool pool = null;
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser(USER);
        source.setPassword(pw);
        for (int attempt = 1; pool == null; attempt++) {
            JdbcConnectionPool p = JdbcConnectionPool.create(source);
            p.setMaxConnections(16);
            try (Connection c = p.getConnection()) {
                c.isValid(1);
                pool = p;
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
        Database db = new Database(pool, source);
        try {
            db.migrate(dir);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
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

    private void migrate(Path dir) {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
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
