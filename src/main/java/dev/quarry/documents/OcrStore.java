package dev.quarry.documents;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.documents.chunk.ChunkSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OCR work list and its results (V009): pages waiting for OCR, each page's text, word boxes and
 * confidence stored with its chunks in one transaction, and a document's end state once its last page is read.
 * A page already read is never read again: it is stored only while still pending.
 */
public final class OcrStore {
    private final Database db;

    public OcrStore(Database db) {
        this.db = db;
    }

    /** A page waiting for OCR, with what is needed to draw it. */
    public record PendingPage(long documentId, int pageNumber, String mediaType, String sha256, String fileName, String bates) {}

    /** What OCR made of one page. {@code confidence} null: no words on it. */
    public record PageResult(String text, PageLayout layout, Float confidence, boolean lowConfidence, List<ChunkSpec> chunks) {}

    /** Sets the document's image-only pages not yet read pending; returns how many. */
    public int markPending(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pages SET ocr_state = 'pending', ocr_error = NULL "
                + "WHERE document_id = ? AND image_only AND (ocr_state IS NULL OR ocr_state = 'failed')")) {
            ps.setLong(1, documentId);
            return ps.executeUpdate();
        }
    }

    /**
     * Sets every page still needing OCR pending again: those of needs_ocr documents never read (imported with
     * OCR off, or before Quarry had OCR) and those that failed. Returns the documents touched.
     */
    public List<Long> markRetry() {
        return db.inTransaction(c -> {
            List<Long> docs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT p.document_id FROM pages p JOIN documents d "
                    + "ON d.id = p.document_id WHERE p.image_only AND (p.ocr_state IS NULL OR p.ocr_state = 'failed') "
                    + "AND d.status IN ('needs_ocr', 'completed', 'failed') ORDER BY p.document_id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) docs.add(rs.getLong(1));
                }
            }
            for (long d : docs) markPending(c, d);
            try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status = 'needs_ocr', "
                    + "error = 'Waiting for OCR.', updated_at = ? WHERE id = ? AND status = 'failed'")) {
                for (long d : docs) {
                    ps.setTimestamp(1, Timestamp.from(Clock.now()));
                    ps.setLong(2, d);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return docs;
        });
    }

    public long countPending() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pages WHERE ocr_state = 'pending'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Pending pages after ({@code afterDoc}, {@code afterPage}) in document and page order. */
    public List<PendingPage> pending(long afterDoc, int afterPage, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.document_id, p.page_number, d.media_type, d.sha256, "
                    + "d.file_name, p.bates FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.ocr_state = 'pending' "
                    + "AND (p.document_id > ? OR (p.document_id = ? AND p.page_number > ?)) "
                    + "ORDER BY p.document_id, p.page_number LIMIT ?")) {
                ps.setLong(1, afterDoc);
                ps.setLong(2, afterDoc);
                ps.setInt(3, afterPage);
                ps.setInt(4, limit);
                List<PendingPage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PendingPage(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Stores one page's OCR in the caller's transaction: its text, boxes, confidence and chunks; the later pages'
     * starts in the full text and their chunks' offsets and indexes move up by what was added, so the document
     * stays one text with chunks in reading order. False when the page was not pending (already stored).
     */
    public boolean storePage(Connection c, long documentId, int pageNumber, PageResult r) throws SQLException {
        int delta;
        try (PreparedStatement ps = c.prepareStatement("SELECT LENGTH(text) FROM pages WHERE document_id = ? "
                + "AND page_number = ? AND ocr_state = 'pending' FOR UPDATE")) {
            ps.setLong(1, documentId);
            ps.setInt(2, pageNumber);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
                delta = r.text().length() - rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE pages SET text = ?, layout = ?, ocr_confidence = ?, "
                + "ocr_state = 'done', ocr_error = NULL, ocr_low_confidence = ? WHERE document_id = ? AND page_number = ?")) {
            ps.setString(1, r.text());
            if (r.layout() == null) ps.setNull(2, Types.VARBINARY); else ps.setBytes(2, r.layout().encode());
            if (r.confidence() == null) ps.setNull(3, Types.REAL); else ps.setFloat(3, r.confidence());
            ps.setBoolean(4, r.lowConfidence());
            ps.setLong(5, documentId);
            ps.setInt(6, pageNumber);
            ps.executeUpdate();
        }
        long pageStart;
        try (PreparedStatement ps = c.prepareStatement("SELECT start_char FROM pages WHERE document_id = ? AND page_number = ?")) {
            ps.setLong(1, documentId);
            ps.setInt(2, pageNumber);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pageStart = rs.getLong(1);
            }
        }
        if (delta != 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pages SET start_char = start_char + ? WHERE document_id = ? AND page_number > ?")) {
                ps.setLong(1, delta);
                ps.setLong(2, documentId);
                ps.setInt(3, pageNumber);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE chunks SET doc_start_char = doc_start_char + ?, "
                    + "doc_end_char = doc_end_char + ? WHERE document_id = ? AND page_number > ?")) {
                ps.setLong(1, delta);
                ps.setLong(2, delta);
                ps.setLong(3, documentId);
                ps.setInt(4, pageNumber);
                ps.executeUpdate();
            }
        }
        int n = r.chunks().size();
        if (n > 0) {
            int before;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM chunks WHERE document_id = ? AND page_number < ?")) {
                ps.setLong(1, documentId);
                ps.setInt(2, pageNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    before = rs.getInt(1);
                }
            }
            // Later pages' chunks make room in two steps: the unique (document, index) holds after every row.
            final int far = 1_000_000_000;
            try (PreparedStatement ps = c.prepareStatement("UPDATE chunks SET chunk_index = chunk_index + ? WHERE document_id = ? AND page_number > ?")) {
                ps.setInt(1, far + n);
                ps.setLong(2, documentId);
                ps.setInt(3, pageNumber);
                if (ps.executeUpdate() > 0) {
                    try (PreparedStatement back = c.prepareStatement("UPDATE chunks SET chunk_index = chunk_index - ? WHERE document_id = ? AND chunk_index >= ?")) {
                        back.setInt(1, far);
                        back.setLong(2, documentId);
                        back.setInt(3, far);
                        back.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunks (document_id, chunk_index, page_number, "
                    + "start_char, end_char, doc_start_char, doc_end_char, token_count, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int index = before;
                for (ChunkSpec ch : r.chunks()) {
                    ps.setLong(1, documentId);
                    ps.setInt(2, index++);
                    ps.setInt(3, pageNumber);
                    ps.setInt(4, ch.start());
                    ps.setInt(5, ch.end());
                    ps.setLong(6, pageStart + ch.start());
                    ps.setLong(7, pageStart + ch.end());
                    ps.setInt(8, ch.tokens());
                    ps.setString(9, ch.text());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET chunk_count = chunk_count + ?, "
                + "text_chars = text_chars + ?, ocr_attempted = TRUE, updated_at = ? WHERE id = ?")) {
            ps.setInt(1, n);
            ps.setLong(2, delta);
            ps.setTimestamp(3, Timestamp.from(Clock.now()));
            ps.setLong(4, documentId);
            ps.executeUpdate();
        }
        return true;
    }

    /** Records that OCR could not read a page (time limit, unreadable image); it is redone by import --retry. */
    public boolean failPage(Connection c, long documentId, int pageNumber, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pages SET ocr_state = 'failed', ocr_error = ? "
                + "WHERE document_id = ? AND page_number = ? AND ocr_state = 'pending'")) {
            ps.setString(1, DocumentRepository.clip(reason, 1000));
            ps.setLong(2, documentId);
            ps.setInt(3, pageNumber);
            if (ps.executeUpdate() == 0) return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET ocr_attempted = TRUE, updated_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Clock.now()));
            ps.setLong(2, documentId);
            ps.executeUpdate();
        }
        return true;
    }

    /**
     * Once no page of the document is pending, a needs_ocr document ends completed when OCR gave it text, else
     * failed with why; a document that already had text (a PDF with some scanned pages) keeps its state. Returns
     * the new state, or empty while pages are still pending or nothing changed.
     */
    public Optional<DocumentStatus> finishIfRead(Connection c, long documentId) throws SQLException {
        int pending = 0, failed = 0, pages = 0;
        String firstError = null;
        StringBuilder sample = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("SELECT ocr_state, ocr_error, text FROM pages WHERE document_id = ? ORDER BY page_number")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pages++;
                    String s = rs.getString(1);
                    if ("pending".equals(s)) pending++;
                    if ("failed".equals(s)) {
                        failed++;
                        if (firstError == null) firstError = rs.getString(2);
                    }
                    String t = rs.getString(3);
                    if (t != null && sample.length() < 20_000) sample.append(t).append('\n');
                }
            }
        }
        if (pending > 0) return Optional.empty();
        String status;
        int chunks;
        try (PreparedStatement ps = c.prepareStatement("SELECT status, chunk_count FROM documents WHERE id = ?")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                status = rs.getString(1);
                chunks = rs.getInt(2);
            }
        }
        if (!"needs_ocr".equals(status)) return Optional.empty();
        DocumentStatus end = chunks > 0 ? DocumentStatus.COMPLETED : DocumentStatus.FAILED;
        String error = end == DocumentStatus.COMPLETED ? null
                : failed > 0 ? "OCR could not read " + (failed == pages ? (pages == 1 ? "the page" : "any of the " + pages + " pages")
                        : failed + " of the " + pages + " pages") + " (" + firstError + "); quarry import --retry tries again."
                : "OCR found no text on " + (pages == 1 ? "the page" : "its " + pages + " pages") + " (blank or not text).";
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status = ?, error = ?, language = COALESCE(?, language), "
                + "updated_at = ? WHERE id = ?")) {
            ps.setString(1, end.db());
            ps.setString(2, error);
            ps.setString(3, LanguageGuess.guess(sample.toString()));
            ps.setTimestamp(4, Timestamp.from(Clock.now()));
            ps.setLong(5, documentId);
            ps.executeUpdate();
        }
        return Optional.of(end);
    }

    /** Says on every document still waiting for OCR why it cannot be read now (no engine, a language missing). */
    public void noteUnavailable(String why) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET error = ? WHERE status = 'needs_ocr' AND id IN "
                    + "(SELECT document_id FROM pages WHERE ocr_state = 'pending')")) {
                ps.setString(1, DocumentRepository.clip(why, 4000));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Per document: whether OCR was attempted, the mean OCR confidence of its read pages (null: none), pages flagged. */
    public record DocumentOcr(boolean attempted, Double meanConfidence, int lowConfidencePages, int pagesPending, int pagesFailed) {}

    public Map<Long, DocumentOcr> byDocument() {
        return db.withConnection(c -> {
            Map<Long, DocumentOcr> out = new LinkedHashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT d.id, d.ocr_attempted, AVG(CAST(p.ocr_confidence AS DOUBLE)), "
                    + "SUM(CASE WHEN p.ocr_low_confidence THEN 1 ELSE 0 END), SUM(CASE WHEN p.ocr_state = 'pending' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN p.ocr_state = 'failed' THEN 1 ELSE 0 END) FROM documents d LEFT JOIN pages p ON p.document_id = d.id "
                    + "GROUP BY d.id, d.ocr_attempted ORDER BY d.id")) {
                while (rs.next()) {
                    double m = rs.getDouble(3);
                    Double mean = rs.wasNull() ? null : m;
                    out.put(rs.getLong(1), new DocumentOcr(rs.getBoolean(2), mean, rs.getInt(4), rs.getInt(5), rs.getInt(6)));
                }
            }
            return out;
        });
    }

    /** One page's OCR facts, for the viewer and `quarry text`. */
    public record PageOcr(int pageNumber, String state, Float confidence, boolean lowConfidence, String error) {}

    public List<PageOcr> pages(long documentId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT page_number, ocr_state, ocr_confidence, ocr_low_confidence, "
                    + "ocr_error FROM pages WHERE document_id = ? ORDER BY page_number")) {
                ps.setLong(1, documentId);
                List<PageOcr> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        float f = rs.getFloat(3);
                        Float conf = rs.wasNull() ? null : f;
                        out.add(new PageOcr(rs.getInt(1), rs.getString(2), conf, rs.getBoolean(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }
}
