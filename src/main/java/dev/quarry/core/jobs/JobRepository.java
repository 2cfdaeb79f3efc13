package dev.quarry.core.jobs;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Jobs of a matter. Only one process can hold a matter open, so a job still "running" on open was killed. */
public final class JobRepository {
    private final Database db;

    public JobRepository(Database db) {
        this.db = db;
    }

    public long create(String kind, String params, Long productionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO jobs (kind, status, params, production_id, created_at) VALUES (?, 'queued', ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, kind);
                ps.setString(2, params);
                if (productionId == null) ps.setNull(3, java.sql.Types.BIGINT); else ps.setLong(3, productionId);
                ps.setTimestamp(4, Timestamp.from(Clock.now()));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Marks jobs that were running when the last process died as interrupted; returns how many. */
    public int markOrphansInterrupted() {
        return db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE jobs SET status = 'interrupted' WHERE status = 'running'");
            }
        });
    }

    public void markRunning(long id) {
        update(id, "UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ?), error = NULL WHERE id = ?",
                Timestamp.from(Clock.now()));
    }

    public void finish(long id, JobStatus status, String error) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
                ps.setString(1, status.db());
                ps.setString(2, error == null ? null : truncate(error, 4000));
                ps.setTimestamp(3, Timestamp.from(Clock.now()));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    public void saveCounters(Connection c, long id, long itemsTotal, long itemsDone, long itemsFailed,
                             long bytesTotal, long bytesDone, long pagesDone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET items_total = ?, items_done = ?, items_failed = ?, "
                + "bytes_total = ?, bytes_done = ?, pages_done = ? WHERE id = ?")) {
            ps.setLong(1, itemsTotal);
            ps.setLong(2, itemsDone);
            ps.setLong(3, itemsFailed);
            ps.setLong(4, bytesTotal);
            ps.setLong(5, bytesDone);
            ps.setLong(6, pagesDone);
            ps.setLong(7, id);
            ps.executeUpdate();
        }
    }

    public Optional<JobRecord> find(long id) {
        return query("SELECT * FROM jobs WHERE id = ?", id).stream().findFirst();
    }

    public List<JobRecord> resumable(String kind) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM jobs WHERE kind = ? AND status IN ('interrupted', 'queued', 'running') ORDER BY id")) {
                ps.setString(1, kind);
                return read(ps);
            }
        });
    }

    /** Like {@link #resumable}, and cancelled jobs too: a cancelled import resumes when asked to (ADR 0003). */
    public List<JobRecord> unfinished(String kind) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM jobs WHERE kind = ? "
                    + "AND status IN ('interrupted', 'queued', 'running', 'cancelled') ORDER BY id")) {
                ps.setString(1, kind);
                return read(ps);
            }
        });
    }

    public List<JobRecord> recent(int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM jobs ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return read(ps);
            }
        });
    }

    private List<JobRecord> query(String sql, long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                return read(ps);
            }
        });
    }

    private static List<JobRecord> read(PreparedStatement ps) throws SQLException {
        List<JobRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long prod = rs.getLong("production_id");
                Long productionId = rs.wasNull() ? null : prod;
                out.add(new JobRecord(rs.getLong("id"), rs.getString("kind"), JobStatus.of(rs.getString("status")),
                        rs.getString("params"), productionId, rs.getLong("items_total"), rs.getLong("items_done"),
                        rs.getLong("items_failed"), rs.getLong("bytes_total"), rs.getLong("bytes_done"),
                        rs.getLong("pages_done"), rs.getString("error"), instant(rs, "created_at"),
                        instant(rs, "started_at"), instant(rs, "finished_at")));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private void update(long id, String sql, Timestamp ts) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, ts);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
