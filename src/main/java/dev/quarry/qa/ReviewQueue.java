package dev.quarry.qa;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.QuarryException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's escalation for a desktop: answers below the confidence threshold, or whose citations did not
 * check out, wait here until a reviewer records the right answer.
 */
public final class ReviewQueue {
    public record Item(long queryId, String question, String answer, String reason, Double confidence, double priority,
                       String status, Instant createdAt, String reviewer, String correctAnswer, String notes, Instant resolvedAt) {}

    private final Database db;

    public ReviewQueue(Database db) {
        this.db = db;
    }

    void enqueue(long queryId, String reason, double confidence) {
        // Lower confidence and failed citations come first.
        double priority = Math.min(1, (1 - confidence) + (reason.equals("citation_failure") ? 0.5 : 0));
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO qa_reviews (query_id, reason, confidence, priority, status, created_at) "
                    + "KEY (query_id) VALUES (?, ?, ?, ?, 'queued', ?)")) {
                ps.setLong(1, queryId);
                ps.setString(2, reason);
                ps.setDouble(3, confidence);
                ps.setDouble(4, priority);
                ps.setTimestamp(5, Timestamp.from(Clock.now()));
                return ps.executeUpdate();
            }
        });
    }

    /** A user asks for a human look at an answer. */
    public void request(long queryId) {
        enqueue(queryId, "user_request", 0.5);
    }

    public List<Item> queued(int limit) {
        return list("WHERE r.status = 'queued' ORDER BY r.priority DESC, r.query_id LIMIT " + Math.max(1, limit));
    }

    public List<Item> all() {
        return list("ORDER BY r.query_id DESC");
    }

    /**
     * Records the right answer. From then on the same question (case, whitespace and punctuation aside) is
     * answered with it, labelled as reviewed ({@link QaService}).
     */
    public void resolve(long queryId, String reviewer, String correctAnswer, String notes) {
        if (correctAnswer == null || correctAnswer.isBlank()) throw new QuarryException("Write the correct answer before resolving the review.");
        int n = db.withConnection(c -> {
            String question = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT question FROM qa_queries WHERE id = ?")) {
                ps.setLong(1, queryId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) question = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE qa_reviews SET status = 'resolved', reviewer = ?, correct_answer = ?, "
                    + "notes = ?, resolved_at = ?, question_key = ? WHERE query_id = ?")) {
                ps.setString(1, reviewer);
                ps.setString(2, correctAnswer.strip());
                ps.setString(3, notes);
                ps.setTimestamp(4, Timestamp.from(Clock.now()));
                ps.setString(5, question == null ? null : Terms.questionKey(question));
                ps.setLong(6, queryId);
                return ps.executeUpdate();
            }
        });
        if (n == 0) throw new QuarryException("Question " + queryId + " is not in the review queue.");
    }

    /** A reviewer's recorded answer to a question: the review's question id, the answer, who and when. */
    public record Resolved(long queryId, String answer, String reviewer, Instant resolvedAt) {}

    /** The newest resolved review of this question (normalised), if a reviewer has answered it. */
    public java.util.Optional<Resolved> resolvedAnswer(String question) {
        String key = Terms.questionKey(question);
        return db.withConnection(c -> {
            fillMissingKeys(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT query_id, correct_answer, reviewer, resolved_at FROM qa_reviews "
                    + "WHERE question_key = ? AND status = 'resolved' ORDER BY resolved_at DESC, query_id DESC LIMIT 1")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return java.util.Optional.<Resolved>empty();
                    return java.util.Optional.of(new Resolved(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
        });
    }

    /** Reviews resolved before V006 have no question key; the normalisation is Java's, so it is filled here. */
    private static void fillMissingKeys(java.sql.Connection c) throws java.sql.SQLException {
        List<long[]> none = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT r.query_id, q.question FROM qa_reviews r JOIN qa_queries q "
                + "ON q.id = r.query_id WHERE r.status = 'resolved' AND r.question_key IS NULL")) {
            while (rs.next()) {
                none.add(new long[] {rs.getLong(1)});
                questions.add(rs.getString(2));
            }
        }
        if (none.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE qa_reviews SET question_key = ? WHERE query_id = ?")) {
            for (int i = 0; i < none.size(); i++) {
                ps.setString(1, Terms.questionKey(questions.get(i)));
                ps.setLong(2, none.get(i)[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<Item> list(String tail) {
        return db.withConnection(c -> {
            List<Item> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT r.query_id, q.question, q.answer, r.reason, r.confidence, "
                    + "r.priority, r.status, r.created_at, r.reviewer, r.correct_answer, r.notes, r.resolved_at "
                    + "FROM qa_reviews r JOIN qa_queries q ON q.id = r.query_id " + tail)) {
                while (rs.next()) {
                    double conf = rs.getDouble(5);
                    Double confidence = rs.wasNull() ? null : conf;
                    Timestamp resolved = rs.getTimestamp(12);
                    out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), confidence, rs.getDouble(6),
                            rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10), rs.getString(11),
                            resolved == null ? null : resolved.toInstant()));
                }
            }
            return out;
        });
    }
}
