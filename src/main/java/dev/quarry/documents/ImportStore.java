package dev.quarry.documents;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Productions and the work items of import jobs. */
public final class ImportStore {
    private final Database db;

    public ImportStore(Database db) {
        this.db = db;
    }

    /** One file waiting to be imported (or done). Exactly one of {@code filePath} and {@code blobSha256} is set. */
    public record Item(long id, long jobId, String sourcePath, String filePath, String blobSha256, String fileName,
                       long sizeBytes, Long parentDocumentId, Map<String, String> fields, String status) {}

    /** An item to add: from a path on disk or from content already in the blob store. */
    public record NewItem(String sourcePath, String filePath, String blobSha256, String fileName, long sizeBytes,
                          Long parentDocumentId, Map<String, String> fields) {}

    public record Production(long id, String name, String kind, String source) {}

    public long createProduction(String name, String kind, String source) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO productions (name, kind, source, created_at) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, DocumentRepository.clip(name, 500));
                ps.setString(2, kind);
                ps.setString(3, DocumentRepository.clip(source, 4000));
                ps.setTimestamp(4, Timestamp.from(Clock.now()));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void setProductionKind(long productionId, String kind) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE productions SET kind = ? WHERE id = ?")) {
                ps.setString(1, kind);
                ps.setLong(2, productionId);
                return ps.executeUpdate();
            }
        });
    }

    public List<Production> productions() {
        return db.withConnection(c -> {
            List<Production> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, name, kind, source FROM productions ORDER BY id")) {
                while (rs.next()) out.add(new Production(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            return out;
        });
    }

    public void addItems(Connection c, long jobId, List<NewItem> items) throws SQLException {
        if (items.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_items (job_id, source_path, file_path, blob_sha256, "
                + "file_name, size_bytes, parent_document_id, fields, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')")) {
            for (NewItem it : items) {
                ps.setLong(1, jobId);
                ps.setString(2, DocumentRepository.clip(it.sourcePath(), 4000));
                ps.setString(3, it.filePath());
                ps.setString(4, it.blobSha256());
                ps.setString(5, DocumentRepository.clip(it.fileName(), 1000));
                ps.setLong(6, it.sizeBytes());
                if (it.parentDocumentId() == null) ps.setNull(7, Types.BIGINT); else ps.setLong(7, it.parentDocumentId());
                ps.setString(8, it.fields() == null || it.fields().isEmpty() ? null : Json.write(it.fields()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void addItems(long jobId, List<NewItem> items) {
        db.inTransaction(c -> {
            addItems(c, jobId, items);
            return null;
        });
    }

    /** Pending items of a job with id above {@code afterId}, in order. */
    public List<Item> pending(long jobId, long afterId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM job_items WHERE job_id = ? AND status = 'pending' "
                    + "AND id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, jobId);
                ps.setLong(2, afterId);
                ps.setInt(3, limit);
                List<Item> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long parent = rs.getLong("parent_document_id");
                        Long parentId = rs.wasNull() ? null : parent;
                        out.add(new Item(rs.getLong("id"), rs.getLong("job_id"), rs.getString("source_path"),
                                rs.getString("file_path"), rs.getString("blob_sha256"), rs.getString("file_name"),
                                rs.getLong("size_bytes"), parentId, Json.readStringMap(rs.getString("fields")),
                                rs.getString("status")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Marks an item finished. {@code duplicate}: its content was already in the matter as
     * {@code documentId}, and the item only added a source to it.
     */
    public void finishItem(Connection c, long itemId, String status, Long documentId, String error, boolean duplicate)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE job_items SET status = ?, document_id = ?, error = ?, duplicate = ? WHERE id = ?")) {
            ps.setString(1, status);
            if (documentId == null) ps.setNull(2, Types.BIGINT); else ps.setLong(2, documentId);
            ps.setString(3, DocumentRepository.clip(error, 4000));
            ps.setBoolean(4, duplicate);
            ps.setLong(5, itemId);
            ps.executeUpdate();
        }
    }

    /** An item's end state as {@link ImportSummary} names it; {@code container} for a ZIP or load file. */
    private static final String STATE = "CASE WHEN i.status = 'pending' THEN 'pending' WHEN i.status <> 'done' THEN 'failed' "
            + "WHEN i.duplicate THEN 'duplicate' WHEN i.document_id IS NULL THEN 'container' ELSE d.status END";

    /**
     * Counts and byte totals of a job's items: [total, read, not read, bytesTotal, bytesDone]. "Not read"
     * is a file whose document did not end completed (failed, needs OCR, locked) or that could not be
     * stored at all; a duplicate or a container counts as read.
     */
    /**
     * Every failed document, as an item that reads it again from its stored original: its first source's path and
     * load-file fields, and {@code quarry.retry_of} naming it.
     */
    public List<NewItem> failedDocuments() {
        return db.withConnection(c -> {
            List<NewItem> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.sha256, d.file_name, d.size_bytes, d.parent_id, "
                    + "(SELECT s.source_path FROM document_sources s WHERE s.document_id = d.id ORDER BY s.id LIMIT 1), "
                    + "(SELECT s.fields FROM document_sources s WHERE s.document_id = d.id ORDER BY s.id LIMIT 1) "
                    + "FROM documents d WHERE d.status = 'failed' ORDER BY d.id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.util.Map<String, String> fields = new java.util.HashMap<>();
                        String json = rs.getString(7);
                        if (json != null && !json.isBlank()) fields.putAll(dev.quarry.core.Json.readStringMap(json));
                        fields.put(ImportService.RETRY_OF, String.valueOf(rs.getLong(1)));
                        long parent = rs.getLong(5);
                        Long parentId = rs.wasNull() ? null : parent;
                        String path = rs.getString(6);
                        out.add(new NewItem(path != null ? path : rs.getString(3), null, rs.getString(2), rs.getString(3),
                                rs.getLong(4), parentId, fields));
                    }
                }
            }
            return out;
        });
    }

    public long[] counters(long jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), "
                    + "SUM(CASE WHEN s.state IN ('completed', 'duplicate', 'container') THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN s.state NOT IN ('completed', 'duplicate', 'container', 'pending') THEN 1 ELSE 0 END), "
                    + "COALESCE(SUM(s.size_bytes), 0), COALESCE(SUM(CASE WHEN s.state <> 'pending' THEN s.size_bytes ELSE 0 END), 0) "
                    + "FROM (SELECT " + STATE + " AS state, i.size_bytes FROM job_items i "
                    + "LEFT JOIN documents d ON d.id = i.document_id WHERE i.job_id = ?) s")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
                }
            }
        });
    }

    /** What the job made of each of its files (see {@link ImportSummary}). */
    public ImportSummary summary(long jobId) {
        return db.withConnection(c -> {
            java.util.Map<String, Long> counts = new java.util.HashMap<>();
            long containers = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + STATE + " AS state, COUNT(*) FROM job_items i "
                    + "LEFT JOIN documents d ON d.id = i.document_id WHERE i.job_id = ? GROUP BY state")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals("container")) containers = rs.getLong(2);
                        else counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            List<ImportSummary.Entry> notCompleted = new ArrayList<>(), duplicates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + STATE + " AS state, i.source_path, i.file_name, "
                    + "i.error, i.document_id, d.file_name, d.status, d.error FROM job_items i "
                    + "LEFT JOIN documents d ON d.id = i.document_id WHERE i.job_id = ? AND i.status <> 'pending' "
                    + "AND (i.status <> 'done' OR i.duplicate OR d.status <> 'completed') ORDER BY i.id")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(1);
                        long doc = rs.getLong(5);
                        Long docId = rs.wasNull() ? null : doc;
                        String reason = rs.getString(4) != null ? rs.getString(4) : rs.getString(8);
                        ImportSummary.Entry e = new ImportSummary.Entry(rs.getString(2), rs.getString(3), state, reason,
                                docId, rs.getString(6), rs.getString(7));
                        (state.equals("duplicate") ? duplicates : notCompleted).add(e);
                    }
                }
            }
            return new ImportSummary(counts, containers, notCompleted, duplicates);
        });
    }

    public long pagesImported(long jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(d.page_count), 0) FROM job_items i "
                    + "JOIN documents d ON d.id = i.document_id WHERE i.job_id = ? AND i.status = 'done'")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
