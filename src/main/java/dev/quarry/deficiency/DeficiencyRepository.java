package dev.quarry.deficiency;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of deficiency review: reports, their items and evidence, reviewers' overrides, the productions' analysed flag. */
public final class DeficiencyRepository {
    private final Database db;

    public DeficiencyRepository(Database db) {
        this.db = db;
    }

    /** A document's place in a production: its source there (path, Bates) and what the documents table knows. */
    public record Member(long documentId, long productionId, String sourcePath, String batesBegin, String batesEnd,
                         String fileName, int pageCount) {}

    public record ProductionRow(long id, String name, boolean analysed) {}

    public List<ProductionRow> productions() {
        return db.withConnection(c -> {
            List<ProductionRow> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, name, has_deficiency_analysis FROM productions ORDER BY id")) {
                while (rs.next()) out.add(new ProductionRow(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
            }
            return out;
        });
    }

    /** The completed documents with text that have a source in one of the productions, one row per document and production. */
    public List<Member> members(List<Long> productionIds) {
        if (productionIds.isEmpty()) return List.of();
        return db.withConnection(c -> {
            List<Member> out = new ArrayList<>();
            String in = String.join(",", productionIds.stream().map(String::valueOf).toList());
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT s.document_id, s.production_id, MIN(s.source_path), MIN(s.bates_begin), MAX(s.bates_end),"
                         + " d.file_name, d.page_count FROM document_sources s JOIN documents d ON d.id = s.document_id"
                         + " WHERE s.production_id IN (" + in + ") AND d.status = 'completed' AND d.text_chars > 0"
                         + " GROUP BY s.document_id, s.production_id, d.file_name, d.page_count ORDER BY s.document_id")) {
                while (rs.next()) {
                    out.add(new Member(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7)));
                }
            }
            return out;
        });
    }

    public void markAnalysed(Connection c, long productionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE productions SET has_deficiency_analysis = TRUE, analysed_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, productionId);
            ps.executeUpdate();
        }
    }

    // ---- reports ----

    /** A stored report's row. JSON columns hold the caption, general objections, findings and summary. */
    public record ReportRow(long id, long productionId, String productionName, List<String> known, String requestsFile,
                            String responsesFile, String caption, String generalObjections, String findings, String summary,
                            String servedOn, String status, String error, String mode, int totalRequests, int version,
                            Instant createdAt, Instant completedAt, Instant updatedAt) {}

    public Optional<ReportRow> report(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(REPORT_SELECT + " WHERE r.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readReport(rs)) : Optional.<ReportRow>empty();
                }
            }
        });
    }

    public List<ReportRow> reports() {
        return db.withConnection(c -> {
            List<ReportRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(REPORT_SELECT + " ORDER BY r.updated_at DESC, r.id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(readReport(rs));
            }
            return out;
        });
    }

    /** The report of a production, if it was analysed (the newest when several). */
    public Optional<ReportRow> reportOf(long productionId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(REPORT_SELECT + " WHERE r.production_id = ? ORDER BY r.id DESC")) {
                ps.setLong(1, productionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(readReport(rs)) : Optional.<ReportRow>empty();
                }
            }
        });
    }

    private static final String REPORT_SELECT = "SELECT r.id, r.production_id, p.name, r.known_names, r.requests_file, r.responses_file,"
            + " r.caption, r.general_objections, r.findings, r.summary, r.served_on, r.analysis_status, r.error, r.mode,"
            + " r.total_requests, r.version, r.created_at, r.completed_at, r.updated_at"
            + " FROM deficiency_reports r JOIN productions p ON p.id = r.production_id";

    private static ReportRow readReport(ResultSet rs) throws SQLException {
        return new ReportRow(rs.getLong(1), rs.getLong(2), rs.getString(3), readList(rs.getString(4)), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getInt(15), rs.getInt(16), instant(rs, 17), instant(rs, 18), instant(rs, 19));
    }

    static List<String> readList(String json) {
        if (json == null || json.isBlank()) return List.of();
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
        } catch (java.io.IOException e) {
            throw new QuarryException("A stored deficiency report is damaged.", e);
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    /** Creates the report row (processing) or, for a re-analysis, clears its items and raises its version. */
    public long beginReport(Connection c, Long existing, long productionId, List<String> known, String requestsFile,
                            String responsesFile, String mode) throws SQLException {
        Instant now = Instant.now();
        if (existing != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deficiency_items WHERE report_id = ?")) {
                ps.setLong(1, existing);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE deficiency_reports SET known_names = ?, requests_file = ?, responses_file = ?,"
                    + " analysis_status = 'processing', error = NULL, mode = ?, version = version + 1, updated_at = ? WHERE id = ?")) {
                ps.setString(1, Json.write(known));
                ps.setString(2, requestsFile);
                ps.setString(3, responsesFile);
                ps.setString(4, mode);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setLong(6, existing);
                ps.executeUpdate();
            }
            return existing;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deficiency_reports (production_id, known_names, requests_file, responses_file,"
                + " analysis_status, mode, created_at, updated_at) VALUES (?, ?, ?, ?, 'processing', ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, productionId);
            ps.setString(2, Json.write(known));
            ps.setString(3, requestsFile);
            ps.setString(4, responsesFile);
            ps.setString(5, mode);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    public void completeReport(Connection c, long id, String caption, String generalObjections, String findings, String summary,
                               String servedOn, int total) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement("UPDATE deficiency_reports SET caption = ?, general_objections = ?, findings = ?,"
                + " summary = ?, served_on = ?, total_requests = ?, analysis_status = 'completed', completed_at = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, caption);
            ps.setString(2, generalObjections);
            ps.setString(3, findings);
            ps.setString(4, summary);
            ps.setString(5, servedOn);
            ps.setInt(6, total);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setLong(9, id);
            ps.executeUpdate();
        }
    }

    public void failReport(long id, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deficiency_reports SET analysis_status = 'failed', error = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, error == null ? "failed" : error.length() > 3900 ? error.substring(0, 3900) : error);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void touch(Connection c, long reportId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deficiency_reports SET version = version + 1, updated_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, reportId);
            ps.executeUpdate();
        }
    }

    // ---- items and evidence ----

    /** One stored request: JSON columns for sub-parts (with their criteria), objections and findings. */
    public record ItemRow(long id, long reportId, int ordinal, String number, String requestText, String subParts, String criteria,
                          String responseText, String posture, String objections, String findings, String classification,
                          double confidence, String rationale) {}

    /** A document judged responsive to a request (sub-part "" for the request itself). */
    public record EvidenceRow(long itemId, String subPart, long documentId, boolean produced, double confidence, String bates,
                              String fileName, Integer page, String quote, Long chunkId, Long startChar, Long endChar) {}

    public long insertItem(Connection c, ItemRow i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deficiency_items (report_id, ordinal, request_number, request_text, sub_parts,"
                + " criteria, response_text, response_posture, objections, findings, classification, confidence, rationale)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, i.reportId());
            ps.setInt(2, i.ordinal());
            ps.setString(3, i.number());
            ps.setString(4, i.requestText());
            ps.setString(5, i.subParts());
            ps.setString(6, i.criteria());
            ps.setString(7, i.responseText());
            ps.setString(8, i.posture());
            ps.setString(9, i.objections());
            ps.setString(10, i.findings());
            ps.setString(11, i.classification());
            ps.setDouble(12, i.confidence());
            ps.setString(13, i.rationale());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    public void insertEvidence(Connection c, List<EvidenceRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deficiency_evidence (item_id, sub_part, document_id, produced, confidence,"
                + " bates, file_name, page, quote, chunk_id, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EvidenceRow e : rows) {
                ps.setLong(1, e.itemId());
                ps.setString(2, e.subPart());
                ps.setLong(3, e.documentId());
                ps.setBoolean(4, e.produced());
                ps.setDouble(5, e.confidence());
                ps.setString(6, e.bates());
                ps.setString(7, e.fileName());
                if (e.page() == null) ps.setNull(8, Types.INTEGER); else ps.setInt(8, e.page());
                ps.setString(9, e.quote());
                if (e.chunkId() == null) ps.setNull(10, Types.BIGINT); else ps.setLong(10, e.chunkId());
                if (e.startChar() == null) ps.setNull(11, Types.BIGINT); else ps.setLong(11, e.startChar());
                if (e.endChar() == null) ps.setNull(12, Types.BIGINT); else ps.setLong(12, e.endChar());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public List<ItemRow> items(long reportId) {
        return db.withConnection(c -> {
            List<ItemRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, report_id, ordinal, request_number, request_text, sub_parts, criteria,"
                    + " response_text, response_posture, objections, findings, classification, confidence, rationale"
                    + " FROM deficiency_items WHERE report_id = ? ORDER BY ordinal")) {
                ps.setLong(1, reportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ItemRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getDouble(13), rs.getString(14)));
                    }
                }
            }
            return out;
        });
    }

    public List<EvidenceRow> evidence(long reportId) {
        return db.withConnection(c -> {
            List<EvidenceRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.item_id, e.sub_part, e.document_id, e.produced, e.confidence, e.bates,"
                    + " e.file_name, e.page, e.quote, e.chunk_id, e.start_char, e.end_char FROM deficiency_evidence e"
                    + " JOIN deficiency_items i ON i.id = e.item_id WHERE i.report_id = ? ORDER BY e.id")) {
                ps.setLong(1, reportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EvidenceRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getDouble(5),
                                rs.getString(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9), (Long) rs.getObject(10),
                                (Long) rs.getObject(11), (Long) rs.getObject(12)));
                    }
                }
            }
            return out;
        });
    }

    // ---- overrides ----

    /** One reviewer change: the field (classification, responsive, note, resolved), the value, who and when. */
    public record OverrideRow(long id, long reportId, String requestNumber, Long documentId, String field, String value,
                              String previous, String note, String changedBy, Instant changedAt) {}

    public void insertOverride(Connection c, OverrideRow o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deficiency_overrides (report_id, request_number, document_id, field,"
                + " field_value, previous_value, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, o.reportId());
            ps.setString(2, o.requestNumber());
            if (o.documentId() == null) ps.setNull(3, Types.BIGINT); else ps.setLong(3, o.documentId());
            ps.setString(4, o.field());
            ps.setString(5, o.value());
            ps.setString(6, o.previous());
            ps.setString(7, o.note());
            ps.setString(8, o.changedBy());
            ps.setTimestamp(9, Timestamp.from(o.changedAt()));
            ps.executeUpdate();
        }
    }

    /** Every change to a report, oldest first (the history; the latest per request, document and field is in force). */
    public List<OverrideRow> overrides(long reportId) {
        return db.withConnection(c -> {
            List<OverrideRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, report_id, request_number, document_id, field, field_value, previous_value,"
                    + " note, changed_by, changed_at FROM deficiency_overrides WHERE report_id = ? ORDER BY id")) {
                ps.setLong(1, reportId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OverrideRow(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    public <T> T inTransaction(Database.SqlFunction<Connection, T> work) {
        return db.inTransaction(work);
    }
}
