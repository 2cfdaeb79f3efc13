package dev.quarry.documents.qc;

import dev.quarry.core.Database;
import dev.quarry.core.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the quality check reads from the matter, and the reports it stores (V010). SQL stays here. */
public final class QcRepository {
    private final Database db;

    public QcRepository(Database db) {
        this.db = db;
    }

    /** A production of the matter. {@code kind} is "load_file" or "files". */
    public record Production(long id, String name, String kind, String source) {}

    /**
     * One produced item: a document as this production gave it (one source row), with what the import
     * made of it.
     */
    record Produced(long documentId, String batesBegin, String batesEnd, String sourcePath, Map<String, String> fields,
                    String status, String error, String mediaType, int pageCount, long textChars, String fileName,
                    boolean child, boolean producedText) {}

    /** A Bates range of another production. */
    record Range(String production, String begin, String end) {}

    public List<Production> productions() {
        return db.withConnection(c -> {
            List<Production> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, name, kind, source FROM productions ORDER BY id")) {
                while (rs.next()) out.add(new Production(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return out;
        });
    }

    /** The production an import job filled, or empty. */
    Optional<Long> productionOfJob(long jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT production_id FROM jobs WHERE id = ?")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Long>empty();
                    long id = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Long>empty() : Optional.of(id);
                }
            }
        });
    }

    /** The load files (Concordance DATs) an import of this production was given or found, as paths on disk. */
    List<Path> loadFiles(long productionId) {
        return db.withConnection(c -> {
            List<Path> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT i.file_path FROM job_items i JOIN jobs j ON j.id = i.job_id "
                    + "WHERE j.production_id = ? AND i.parent_document_id IS NULL AND i.file_path IS NOT NULL "
                    + "AND LOWER(i.file_name) LIKE '%.dat' ORDER BY i.file_path")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Path.of(rs.getString(1)));
                }
            }
            return out;
        });
    }

    List<Produced> produced(long productionId) {
        return db.withConnection(c -> {
            List<Produced> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, s.bates_begin, s.bates_end, s.source_path, s.fields, "
                    + "d.status, d.error, d.media_type, d.page_count, d.text_chars, d.file_name, s.parent_id, "
                    + "CASE WHEN d.metadata LIKE '%\"text_source\"%' THEN TRUE ELSE FALSE END "
                    + "FROM document_sources s JOIN documents d ON d.id = s.document_id "
                    + "WHERE s.production_id = ? ORDER BY s.id")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String fields = rs.getString(5);
                        rs.getLong(12);
                        boolean child = !rs.wasNull();
                        out.add(new Produced(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                fields == null ? Map.of() : Json.readStringMap(fields), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getInt(9), rs.getLong(10), rs.getString(11), child, rs.getBoolean(13)));
                    }
                }
            }
            return out;
        });
    }

    /** Every Bates range the matter's other productions hold. */
    List<Range> otherRanges(long productionId) {
        return db.withConnection(c -> {
            List<Range> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.name, s.bates_begin, s.bates_end FROM document_sources s "
                    + "JOIN productions p ON p.id = s.production_id WHERE s.production_id <> ? AND s.bates_begin IS NOT NULL "
                    + "ORDER BY s.id")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Range(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /** The first {@code maxChars} characters of a document's text (its pages joined by form feeds). */
    String text(long documentId, int maxChars) {
        return db.withConnection(c -> {
            StringBuilder sb = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("SELECT text FROM pages WHERE document_id = ? ORDER BY page_number")) {
                ps.setLong(1, documentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && sb.length() < maxChars) {
                        if (sb.length() > 0) sb.append('\f');
                        String t = rs.getString(1);
                        if (t != null) sb.append(t, 0, Math.min(t.length(), maxChars - sb.length()));
                    }
                }
            }
            return sb.toString();
        });
    }

    /** Replaces the production's stored report with {@code report}, in one transaction. */
    public void save(QcReport report) {
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM production_checks WHERE production_id = ?")) {
                del.setLong(1, report.productionId());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO production_checks (production_id, checked_at, documents, pages) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, report.productionId());
                ps.setTimestamp(2, Timestamp.from(report.checkedAt()));
                ps.setInt(3, report.documents());
                ps.setLong(4, report.pages());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO production_findings "
                    + "(production_id, seq, kind, bates_begin, bates_end, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (QcFinding f : report.findings()) {
                    ps.setLong(1, report.productionId());
                    ps.setInt(2, seq++);
                    ps.setString(3, f.kind().id());
                    ps.setString(4, clip(f.batesBegin(), 100));
                    ps.setString(5, clip(f.batesEnd(), 100));
                    ps.setString(6, clip(f.detail(), 4000));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The production's stored report, or empty when it was never checked. */
    public Optional<QcReport> load(long productionId) {
        return db.withConnection(c -> {
            String name;
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM productions WHERE id = ?")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<QcReport>empty();
                    name = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT checked_at, documents, pages FROM production_checks WHERE production_id = ?")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<QcReport>empty();
                    return Optional.of(new QcReport(productionId, name, rs.getInt(2), rs.getLong(3),
                            rs.getTimestamp(1).toInstant(), findings(c, productionId)));
                }
            }
        });
    }

    private static List<QcFinding> findings(Connection c, long productionId) throws SQLException {
        List<QcFinding> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, bates_begin, bates_end, detail FROM production_findings "
                + "WHERE production_id = ? ORDER BY seq")) {
            ps.setLong(1, productionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new QcFinding(QcKind.of(rs.getString(1).toLowerCase(Locale.ROOT)), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
