package dev.quarry.letters;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Letters, their versions, where their paragraphs came from, and their exports (V016, V017). */
public final class LetterRepository {
    private final Database db;

    public LetterRepository(Database db) {
        this.db = db;
    }

    /** A new letter and its first version, in one transaction. */
    public Letter create(long reportId, String template, String style, String reportSnapshot, String content,
                         LetterMeta meta, int reportVersion, String who) {
        return db.inTransaction(c -> {
            long id;
            Timestamp now = Timestamp.from(Clock.now());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO letters (report_id, template, style, report_snapshot, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, reportId);
                ps.setString(2, template);
                ps.setString(3, style);
                ps.setString(4, reportSnapshot);
                ps.setString(5, who);
                ps.setTimestamp(6, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            insertVersion(c, id, 1, content, meta, reportVersion, "draft", null, who, now);
            return new Letter(id, reportId, template, style, reportSnapshot, who, now.toInstant(), 1);
        });
    }

    /** Saves a new version after the latest; returns it. */
    public LetterVersion addVersion(long letterId, String content, LetterMeta meta, int reportVersion, String source, String note, String who) {
        return db.inTransaction(c -> {
            int next;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM letter_versions WHERE letter_id = ?")) {
                ps.setLong(1, letterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getInt(1);
                }
            }
            Timestamp now = Timestamp.from(Clock.now());
            insertVersion(c, letterId, next, content, meta, reportVersion, source, note, who, now);
            return new LetterVersion(letterId, next, content, meta, reportVersion, source, note, who, now.toInstant());
        });
    }

    private static void insertVersion(Connection c, long letterId, int version, String content, LetterMeta meta, int reportVersion,
                                      String source, String note, String who, Timestamp at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO letter_versions (letter_id, version, content, meta, report_version, "
                + "source, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, letterId);
            ps.setInt(2, version);
            ps.setString(3, content);
            ps.setString(4, meta.toJson());
            ps.setInt(5, reportVersion);
            ps.setString(6, source);
            ps.setString(7, note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note);
            ps.setString(8, who);
            ps.setTimestamp(9, at);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO letter_paragraphs (letter_id, version, ordinal, request_number, report_version) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (Provenance.Mark m : Provenance.read(content)) {
                ps.setLong(1, letterId);
                ps.setInt(2, version);
                ps.setInt(3, m.ordinal());
                ps.setString(4, m.requestNumber());
                ps.setInt(5, m.reportVersion());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Letter> find(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(LETTER_SQL + " WHERE l.id = ? GROUP BY l.id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(letter(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Letters of one report (or all when reportId is null), newest first. */
    public List<Letter> list(Long reportId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(LETTER_SQL + (reportId == null ? "" : " WHERE l.report_id = ?")
                    + " GROUP BY l.id ORDER BY l.created_at DESC, l.id DESC")) {
                if (reportId != null) ps.setLong(1, reportId);
                List<Letter> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(letter(rs));
                }
                return out;
            }
        });
    }

    private static final String LETTER_SQL = "SELECT l.id, l.report_id, l.template, l.style, l.report_snapshot, l.created_by, l.created_at, "
            + "MAX(v.version) AS latest FROM letters l JOIN letter_versions v ON v.letter_id = l.id";

    private static Letter letter(ResultSet rs) throws SQLException {
        return new Letter(rs.getLong("id"), rs.getLong("report_id"), rs.getString("template"), rs.getString("style"),
                rs.getString("report_snapshot"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getInt("latest"));
    }

    public Optional<LetterVersion> version(long letterId, int version) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM letter_versions WHERE letter_id = ? AND version = ?")) {
                ps.setLong(1, letterId);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every version of a letter, oldest first. */
    public List<LetterVersion> versions(long letterId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM letter_versions WHERE letter_id = ? ORDER BY version")) {
                ps.setLong(1, letterId);
                List<LetterVersion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(version(rs));
                }
                return out;
            }
        });
    }

    private static LetterVersion version(ResultSet rs) throws SQLException {
        return new LetterVersion(rs.getLong("letter_id"), rs.getInt("version"), rs.getString("content"),
                LetterMeta.parse(rs.getString("meta")), rs.getInt("report_version"), rs.getString("source"), rs.getString("note"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    /** The provenance rows of a version: request number (null for the general part) and report version. */
    public List<Provenance.Mark> paragraphs(long letterId, int version, long reportId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ordinal, request_number, report_version FROM letter_paragraphs "
                    + "WHERE letter_id = ? AND version = ? ORDER BY ordinal")) {
                ps.setLong(1, letterId);
                ps.setInt(2, version);
                List<Provenance.Mark> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Provenance.Mark(rs.getInt(1), rs.getString(2), reportId, rs.getInt(3)));
                }
                return out;
            }
        });
    }

    public void recordExport(long letterId, int version, String format, String file, String sha256, String who) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO letter_exports (letter_id, version, format, file, sha256, exported_by, exported_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, letterId);
                ps.setInt(2, version);
                ps.setString(3, format);
                ps.setString(4, file);
                ps.setString(5, sha256);
                ps.setString(6, who);
                ps.setTimestamp(7, Timestamp.from(Clock.now()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public int exportCount(long letterId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM letter_exports WHERE letter_id = ?")) {
                ps.setLong(1, letterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
