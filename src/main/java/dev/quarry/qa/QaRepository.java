package dev.quarry.qa;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Questions, their citations and feedback in the matter database (V003). */
public final class QaRepository {
    private final Database db;

    public QaRepository(Database db) {
        this.db = db;
    }

    /** Records the question as pending, so that the model call's audit event can name it. */
    long insertPending(String question, Instant createdAt) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qa_queries (question, status, created_at) VALUES (?, 'pending', ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, question);
                ps.setTimestamp(2, Timestamp.from(createdAt));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    void complete(QaResult r, String cacheKey) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE qa_queries SET status = ?, answer = ?, answer_type = ?, "
                    + "confidence = ?, confidence_breakdown = ?, analysis = ?, suggestions = ?, verification = ?, "
                    + "flagged_for_review = ?, provider = ?, model = ?, chunks_retrieved = ?, retrieval_ms = ?, llm_ms = ?, "
                    + "total_ms = ?, tokens_input = ?, tokens_output = ?, retry_count = ?, error_type = ?, error_message = ?, "
                    + "cache_hit = ?, cache_key = ?, redacted = ?, completed_at = ?, review_of = ?, reviewed_by = ?, "
                    + "reviewed_at = ? WHERE id = ?")) {
                int i = 1;
                ps.setString(i++, r.answerType() == AnswerType.ERROR ? "failed" : "completed");
                ps.setString(i++, r.answer());
                ps.setString(i++, r.answerType().db());
                ps.setDouble(i++, r.confidence());
                ps.setString(i++, Json.write(r.confidenceBreakdown()));
                Map<String, Object> analysis = new LinkedHashMap<>();
                analysis.put("analysis", r.analysis());
                analysis.put("coverage", r.coverage());
                ps.setString(i++, clip(Json.write(analysis), 20000));
                ps.setString(i++, Json.write(r.suggestions()));
                ps.setString(i++, r.verification() == null ? null : clip(Json.write(r.verification()), 20000));
                ps.setBoolean(i++, r.flaggedForReview());
                ps.setString(i++, r.provider());
                ps.setString(i++, r.model());
                ps.setInt(i++, r.citations().size());
                ps.setLong(i++, r.retrievalMs());
                ps.setLong(i++, r.llmMs());
                ps.setLong(i++, r.totalMs());
                ps.setInt(i++, r.tokensInput());
                ps.setInt(i++, r.tokensOutput());
                ps.setInt(i++, Math.min(1, r.retryCount()));
                ps.setString(i++, r.errorType());
                ps.setString(i++, clip(r.errorMessage(), 4000));
                ps.setBoolean(i++, r.cacheHit());
                ps.setString(i++, cacheKey);
                ps.setBoolean(i++, r.redacted());
                ps.setTimestamp(i++, Timestamp.from(Clock.now()));
                QaResult.Reviewed rv = r.reviewed();
                if (rv == null) ps.setNull(i++, Types.BIGINT); else ps.setLong(i++, rv.reviewOf());
                ps.setString(i++, rv == null ? null : clip(rv.reviewer(), 200));
                ps.setTimestamp(i++, rv == null || rv.resolvedAt() == null ? null : Timestamp.from(rv.resolvedAt()));
                ps.setLong(i, r.queryId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO qa_citations (query_id, rank, chunk_id, document_id, "
                    + "file_name, page_number, bates, doc_start_char, doc_end_char, relevance, preview, cited, verified) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Citation ct : r.citations()) {
                    ps.setLong(1, r.queryId());
                    ps.setInt(2, ct.rank());
                    ps.setLong(3, ct.chunkId());
                    ps.setLong(4, ct.documentId());
                    ps.setString(5, clip(ct.fileName(), 1000));
                    if (ct.page() == null) ps.setNull(6, Types.INTEGER); else ps.setInt(6, ct.page());
                    ps.setString(7, clip(ct.bates(), 100));
                    if (ct.docStartChar() == null) ps.setNull(8, Types.BIGINT); else ps.setLong(8, ct.docStartChar());
                    if (ct.docEndChar() == null) ps.setNull(9, Types.BIGINT); else ps.setLong(9, ct.docEndChar());
                    ps.setDouble(10, ct.score());
                    ps.setString(11, clip(ct.preview(), 500));
                    ps.setBoolean(12, ct.cited());
                    ps.setBoolean(13, ct.verified());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Changes whenever a document is added, removed or re-chunked: part of the answer cache key. */
    String matterStamp() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0), "
                    + "COALESCE(SUM(chunk_count), 0), MAX(updated_at) FROM documents")) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getTimestamp(4);
            }
        });
    }

    /**
     * The newest reusable answer stored under this cache key. An answer flagged for review is never reused:
     * asking again asks again, instead of repeating an answer nobody has checked.
     */
    Optional<Long> findCached(String cacheKey) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM qa_queries WHERE cache_key = ? AND status = 'completed' "
                    + "AND answer_type <> 'error' AND NOT flagged_for_review ORDER BY id DESC LIMIT 1")) {
                ps.setString(1, cacheKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    public Optional<QaResult> find(long id) {
        List<QaResult> l = query("WHERE q.id = ?", ps -> ps.setLong(1, id));
        return l.stream().findFirst();
    }

    /** Newest first. */
    public List<QaResult> history(int limit, int offset) {
        return query("WHERE q.status <> 'pending' ORDER BY q.id DESC LIMIT ? OFFSET ?", ps -> {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
        });
    }

    public long count() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM qa_queries WHERE status <> 'pending'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public boolean delete(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM qa_queries WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public int deleteAll() {
        return db.withConnection(c -> c.createStatement().executeUpdate("DELETE FROM qa_queries"));
    }

    /** One feedback per query; giving it again replaces the rating and comment. */
    public void feedback(long queryId, String rating, String comment) {
        if (!rating.equals("helpful") && !rating.equals("not_helpful")) {
            throw new QuarryException("Feedback is either helpful or not_helpful.");
        }
        if (comment != null && comment.length() > 2000) throw new QuarryException("A feedback comment can be at most 2,000 characters.");
        if (find(queryId).isEmpty()) throw new QuarryException("There is no question " + queryId + " in this matter's history.");
        Timestamp now = Timestamp.from(Clock.now());
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO qa_feedback f USING (VALUES (CAST(? AS BIGINT))) v(q) ON f.query_id = v.q "
                    + "WHEN MATCHED THEN UPDATE SET rating = ?, comment = ?, updated_at = ? "
                    + "WHEN NOT MATCHED THEN INSERT (query_id, rating, comment, created_at, updated_at) VALUES (v.q, ?, ?, ?, ?)")) {
                ps.setLong(1, queryId);
                ps.setString(2, rating);
                ps.setString(3, comment);
                ps.setTimestamp(4, now);
                ps.setString(5, rating);
                ps.setString(6, comment);
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                return ps.executeUpdate();
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<QaResult> query(String where, Binder binder) {
        return db.withConnection(c -> {
            List<QaResult> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT q.*, f.rating, f.comment, f.updated_at AS f_updated "
                    + "FROM qa_queries q LEFT JOIN qa_feedback f ON f.query_id = q.id " + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(c, rs));
                }
            }
            return out;
        });
    }

    private QaResult read(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Map<String, Object> analysisBlock = readJson(rs.getString("analysis"), new TypeReference<Map<String, Object>>() {});
        QuestionAnalysis analysis = analysisBlock == null || analysisBlock.get("analysis") == null ? null
                : Json.MAPPER.convertValue(analysisBlock.get("analysis"), QuestionAnalysis.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> coverage = analysisBlock == null ? null : (Map<String, Object>) analysisBlock.get("coverage");
        String type = rs.getString("answer_type");
        QaResult.Feedback fb = rs.getString("rating") == null ? null
                : new QaResult.Feedback(rs.getString("rating"), rs.getString("comment"), rs.getTimestamp("f_updated").toInstant());
        double conf = rs.getDouble("confidence");
        long reviewOf = rs.getLong("review_of");
        QaResult.Reviewed reviewed = rs.wasNull() ? null : new QaResult.Reviewed(reviewOf, rs.getString("reviewed_by"),
                rs.getTimestamp("reviewed_at") == null ? null : rs.getTimestamp("reviewed_at").toInstant());
        return new QaResult(id, rs.getString("question"), rs.getString("answer"), type == null ? AnswerType.ERROR : AnswerType.of(type),
                conf, readJson(rs.getString("confidence_breakdown"), new TypeReference<Map<String, Double>>() {}),
                citations(c, id), readJson(rs.getString("suggestions"), new TypeReference<List<String>>() {}),
                analysis, coverage, readJson(rs.getString("verification"), new TypeReference<Verification>() {}),
                rs.getBoolean("flagged_for_review"), rs.getLong("retrieval_ms"), rs.getLong("llm_ms"), rs.getLong("total_ms"),
                rs.getInt("tokens_input"), rs.getInt("tokens_output"), rs.getString("provider"), rs.getString("model"),
                rs.getInt("retry_count"), rs.getString("error_type"), rs.getString("error_message"), rs.getBoolean("cache_hit"),
                rs.getBoolean("redacted"), rs.getTimestamp("created_at").toInstant(), fb, reviewed);
    }

    private static List<Citation> citations(Connection c, long queryId) throws SQLException {
        List<Citation> out = new ArrayList<>();
        // The original name is read from the document (it is the document's, not the answer's to keep).
        try (PreparedStatement ps = c.prepareStatement("SELECT q.rank, q.chunk_id, q.document_id, q.file_name, q.page_number, "
                + "q.bates, q.doc_start_char, q.doc_end_char, q.preview, q.relevance, q.cited, q.verified, d.original_name "
                + "FROM qa_citations q LEFT JOIN documents d ON d.id = q.document_id WHERE q.query_id = ? ORDER BY q.rank")) {
            ps.setLong(1, queryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int page = rs.getInt(5);
                    Integer pageOrNull = rs.wasNull() ? null : page;
                    long s = rs.getLong(7);
                    Long start = rs.wasNull() ? null : s;
                    long e = rs.getLong(8);
                    Long end = rs.wasNull() ? null : e;
                    out.add(new Citation(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4), pageOrNull, rs.getString(6),
                            start, end, rs.getString(9), rs.getDouble(10), rs.getBoolean(11), rs.getBoolean(12), rs.getString(13)));
                }
            }
        }
        return out;
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        if (json == null) return null;
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new QuarryException("A stored answer could not be read back.", e);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
