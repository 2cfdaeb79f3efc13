package dev.quarry.documents;

import dev.quarry.core.Clock;
import dev.quarry.core.Database;
import dev.quarry.core.Json;
import dev.quarry.documents.chunk.ChunkSpec;
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
import java.util.Map;
import java.util.Optional;

/** Documents, their sources, pages and chunks. Writes take the caller's connection so they share its transaction. */
public final class DocumentRepository {
    /** Pages are joined with this one character in a document's full text. */
    public static final char PAGE_SEPARATOR = '\f';

    private final Database db;

    public DocumentRepository(Database db) {
        this.db = db;
    }

    /**
     * Everything about a new document row except its id. {@code originalName}: the producing party's file
     * name from a load file (null for files imported as they are).
     */
    public record NewDocument(String sha256, String fileName, String mediaType, long sizeBytes, Long productionId,
                              Long parentId, DocumentStatus status, String error, int pageCount, int chunkCount,
                              long textChars, String language, boolean ocrNeeded, String batesBegin, String batesEnd,
                              String custodian, String title, String author, Instant date, Map<String, String> metadata,
                              String originalName) {
        /** A document with no original name of its own (anything not from a load file). */
        public NewDocument(String sha256, String fileName, String mediaType, long sizeBytes, Long productionId,
                           Long parentId, DocumentStatus status, String error, int pageCount, int chunkCount,
                           long textChars, String language, boolean ocrNeeded, String batesBegin, String batesEnd,
                           String custodian, String title, String author, Instant date, Map<String, String> metadata) {
            this(sha256, fileName, mediaType, sizeBytes, productionId, parentId, status, error, pageCount, chunkCount,
                    textChars, language, ocrNeeded, batesBegin, batesEnd, custodian, title, author, date, metadata, null);
        }
    }

    /**
     * The document that already holds this content, if any. Empty content never matches: every empty
     * file is its own document (V007), since each one a producer sent is a finding of its own.
     */
    public Optional<Long> findIdBySha(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM documents WHERE content_key = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The SHA-256 of no bytes: the content of every empty file. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /**
     * The empty document already found at this very source path (the same folder imported again): an
     * empty file is its own document, but the same empty file imported twice is still one.
     */
    public Optional<Long> findEmptyBySource(Connection c, String sourcePath) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id FROM documents d JOIN document_sources s "
                + "ON s.document_id = d.id WHERE d.sha256 = ? AND s.source_path = ? ORDER BY d.id LIMIT 1")) {
            ps.setString(1, EMPTY_SHA256);
            ps.setString(2, sourcePath);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public Optional<Long> findIdBySha(String sha256) {
        return db.withConnection(c -> findIdBySha(c, sha256));
    }

    public long insert(Connection c, NewDocument d) throws SQLException {
        Timestamp now = Timestamp.from(Clock.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO documents (sha256, file_name, media_type, size_bytes, "
                + "production_id, parent_id, status, error, page_count, chunk_count, text_chars, language, ocr_needed, "
                + "bates_begin, bates_end, custodian, title, author, doc_date, metadata, created_at, updated_at, original_name) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.sha256());
            ps.setString(2, clip(d.fileName(), 1000));
            ps.setString(3, clip(d.mediaType(), 200));
            ps.setLong(4, d.sizeBytes());
            setLong(ps, 5, d.productionId());
            setLong(ps, 6, d.parentId());
            ps.setString(7, d.status().db());
            ps.setString(8, clip(d.error(), 4000));
            ps.setInt(9, d.pageCount());
            ps.setInt(10, d.chunkCount());
            ps.setLong(11, d.textChars());
            ps.setString(12, d.language());
            ps.setBoolean(13, d.ocrNeeded());
            ps.setString(14, clip(d.batesBegin(), 100));
            ps.setString(15, clip(d.batesEnd(), 100));
            ps.setString(16, clip(d.custodian(), 500));
            ps.setString(17, clip(d.title(), 2000));
            ps.setString(18, clip(d.author(), 1000));
            ps.setTimestamp(19, d.date() == null ? null : Timestamp.from(d.date()));
            ps.setString(20, d.metadata() == null || d.metadata().isEmpty() ? null : clip(Json.write(d.metadata()), 100_000));
            ps.setTimestamp(21, now);
            ps.setTimestamp(22, now);
            ps.setString(23, clip(d.originalName(), 1000));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void insertSource(Connection c, long documentId, Long jobId, Long productionId, String sourcePath,
                             Long parentId, String batesBegin, String batesEnd, String custodian,
                             Map<String, String> fields) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO document_sources (document_id, job_id, production_id, "
                + "source_path, parent_id, bates_begin, bates_end, custodian, fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, documentId);
            setLong(ps, 2, jobId);
            setLong(ps, 3, productionId);
            ps.setString(4, clip(sourcePath, 4000));
            setLong(ps, 5, parentId);
            ps.setString(6, clip(batesBegin, 100));
            ps.setString(7, clip(batesEnd, 100));
            ps.setString(8, clip(custodian, 500));
            ps.setString(9, fields == null || fields.isEmpty() ? null : clip(Json.write(fields), 100_000));
            ps.setTimestamp(10, Timestamp.from(Clock.now()));
            ps.executeUpdate();
        }
    }

    /**
     * Replaces a document's reading (import --retry): its pages and chunks are deleted (the caller inserts the new
     * ones) and its state, type and counts set; its id, sources, Bates numbers, custodian and metadata stay.
     */
    public void replaceContent(Connection c, long documentId, DocumentStatus status, String error, String mediaType,
                               int pageCount, int chunkCount, long textChars, String language, boolean ocrNeeded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pages WHERE document_id = ?")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET status = ?, error = ?, media_type = COALESCE(?, media_type), "
                + "page_count = ?, chunk_count = ?, text_chars = ?, language = ?, ocr_needed = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.db());
            ps.setString(2, clip(error, 4000));
            ps.setString(3, mediaType);
            ps.setInt(4, pageCount);
            ps.setInt(5, chunkCount);
            ps.setLong(6, textChars);
            ps.setString(7, language);
            ps.setBoolean(8, ocrNeeded);
            ps.setTimestamp(9, Timestamp.from(Clock.now()));
            ps.setLong(10, documentId);
            ps.executeUpdate();
        }
    }

    /** Inserts pages; returns each page's start offset in the document's full text. */
    public long[] insertPages(Connection c, long documentId, List<ParsedPage> pages) throws SQLException {
        long[] starts = pageStarts(pages);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pages (document_id, page_number, start_char, text, "
                + "bates, image_only, layout) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < pages.size(); i++) {
                ParsedPage p = pages.get(i);
                ps.setLong(1, documentId);
                ps.setInt(2, p.number());
                ps.setLong(3, starts[i]);
                ps.setString(4, p.text());
                ps.setString(5, clip(p.bates(), 100));
                ps.setBoolean(6, p.imageOnly());
                if (p.layout() == null) ps.setNull(7, Types.VARBINARY); else ps.setBytes(7, p.layout().encode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return starts;
    }

    /** Where each page starts in the full text: pages joined with {@link #PAGE_SEPARATOR}. */
    public static long[] pageStarts(List<ParsedPage> pages) {
        long[] starts = new long[pages.size()];
        long at = 0;
        for (int i = 0; i < pages.size(); i++) {
            starts[i] = at;
            at += pages.get(i).text().length() + 1;
        }
        return starts;
    }

    public void insertChunks(Connection c, long documentId, List<ChunkSpec> chunks, List<ParsedPage> pages,
                             long[] pageStarts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunks (document_id, chunk_index, page_number, "
                + "start_char, end_char, doc_start_char, doc_end_char, token_count, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int index = 0;
            for (ChunkSpec ch : chunks) {
                long base = pageStarts[indexOfPage(pages, ch.pageNumber())];
                ps.setLong(1, documentId);
                ps.setInt(2, index++);
                ps.setInt(3, ch.pageNumber());
                ps.setInt(4, ch.start());
                ps.setInt(5, ch.end());
                ps.setLong(6, base + ch.start());
                ps.setLong(7, base + ch.end());
                ps.setInt(8, ch.tokens());
                ps.setString(9, ch.text());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int indexOfPage(List<ParsedPage> pages, int number) {
        if (number - 1 < pages.size() && pages.get(number - 1).number() == number) return number - 1;
        for (int i = 0; i < pages.size(); i++) if (pages.get(i).number() == number) return i;
        throw new IllegalArgumentException("No page " + number);
    }

    // ---- reads ----

    private static final String SUMMARY_COLUMNS = "id, file_name, status, error, media_type, size_bytes, page_count, "
            + "chunk_count, bates_begin, bates_end, custodian, sha256, parent_id, production_id, language, ocr_needed, created_at, "
            + "original_name";

    public List<DocumentSummary> list(int limit, int offset) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + SUMMARY_COLUMNS + " FROM documents ORDER BY id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                return readSummaries(ps);
            }
        });
    }

    public List<DocumentSummary> listAll() {
        return list(Integer.MAX_VALUE, 0);
    }

    public Optional<DocumentSummary> find(long id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM documents WHERE id = ?")) {
                ps.setLong(1, id);
                return readSummaries(ps).stream().findFirst();
            }
        });
    }

    public long count() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM documents")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The kinds of file the matter's readable documents are (media types), for a search filter. */
    public List<String> mediaTypes() {
        return db.withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT media_type FROM documents "
                    + "WHERE status = 'completed' AND media_type IS NOT NULL ORDER BY media_type")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    public Map<DocumentStatus, Long> countByStatus() {
        return db.withConnection(c -> {
            Map<DocumentStatus, Long> out = new java.util.EnumMap<>(DocumentStatus.class);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT status, COUNT(*) FROM documents GROUP BY status")) {
                while (rs.next()) out.put(DocumentStatus.of(rs.getString(1)), rs.getLong(2));
            }
            return out;
        });
    }

    /**
     * A document holding a Bates number: the document, and its page when that is known (the page stamped
     * or numbered with it); {@code page} and {@code pageBates} are null for a page that spans the range.
     */
    public record BatesMatch(DocumentSummary document, Integer page, String pageBates) {}

    /**
     * The documents holding Bates number {@code bates}: a page that carries it, or a document whose range
     * (its own, or that of another production of the same file) contains it. A one-page text of a 76-page
     * range is found by any of the 76 numbers, without a page. Ranges are compared by prefix and number
     * ({@link BatesNumber}); a range shares its first digits with the number asked for, so the database
     * narrows the candidates by prefix before they are checked here.
     */
    public List<BatesMatch> findByBates(String bates) {
        Optional<BatesNumber> wanted = BatesNumber.parse(bates);
        if (wanted.isEmpty()) return List.of();
        BatesNumber q = wanted.get();
        String exact = bates.strip().toUpperCase(java.util.Locale.ROOT);
        String like = q.prefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.withConnection(c -> {
            java.util.LinkedHashMap<Long, Integer> pageOf = new java.util.LinkedHashMap<>();
            // As typed and in capitals, so that the index on pages.bates answers (stamps are capitals).
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, page_number FROM pages "
                    + "WHERE bates IN (?, ?) ORDER BY document_id, page_number")) {
                ps.setString(1, exact);
                ps.setString(2, bates.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) pageOf.putIfAbsent(rs.getLong(1), rs.getInt(2));
                }
            }
            java.util.Set<Long> inRange = new java.util.LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, bates_begin, bates_end FROM documents "
                    + "WHERE UPPER(bates_begin) LIKE ? UNION ALL SELECT document_id, bates_begin, bates_end "
                    + "FROM document_sources WHERE UPPER(bates_begin) LIKE ?")) {
                ps.setString(1, like);
                ps.setString(2, like);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) if (q.within(rs.getString(2), rs.getString(3))) inRange.add(rs.getLong(1));
                }
            }
            java.util.Set<Long> ids = new java.util.TreeSet<>(pageOf.keySet());
            ids.addAll(inRange);
            List<BatesMatch> out = new ArrayList<>();
            for (long id : ids) {
                DocumentSummary d;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM documents WHERE id = ?")) {
                    ps.setLong(1, id);
                    d = readSummaries(ps).stream().findFirst().orElse(null);
                }
                if (d == null) continue;
                Integer page = pageOf.get(id);
                out.add(new BatesMatch(d, page, page == null ? null : exact));
            }
            return out;
        });
    }

    public List<PageRecord> pages(long documentId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, page_number, start_char, text, bates, "
                    + "image_only, layout FROM pages WHERE document_id = ? ORDER BY page_number")) {
                ps.setLong(1, documentId);
                return readPages(ps);
            }
        });
    }

    public Optional<PageRecord> page(long documentId, int pageNumber) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, page_number, start_char, text, bates, "
                    + "image_only, layout FROM pages WHERE document_id = ? AND page_number = ?")) {
                ps.setLong(1, documentId);
                ps.setInt(2, pageNumber);
                return readPages(ps).stream().findFirst();
            }
        });
    }

    /** Each page's OCR state, confidence and flag (V009), in page order. */
    public List<OcrStore.PageOcr> ocrPages(long documentId) {
        return new OcrStore(db).pages(documentId);
    }

    /** The document's full text: its pages joined with {@link #PAGE_SEPARATOR}. */
    public String fullText(long documentId) {
        StringBuilder sb = new StringBuilder();
        for (PageRecord p : pages(documentId)) {
            if (p.pageNumber() > 1) sb.append(PAGE_SEPARATOR);
            sb.append(p.text());
        }
        return sb.toString();
    }

    public List<ChunkRecord> chunks(long documentId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, document_id, chunk_index, page_number, start_char, "
                    + "end_char, doc_start_char, doc_end_char, token_count, text FROM chunks WHERE document_id = ? ORDER BY chunk_index")) {
                ps.setLong(1, documentId);
                List<ChunkRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(readChunk(rs));
                }
                return out;
            }
        });
    }

    public static ChunkRecord readChunk(ResultSet rs) throws SQLException {
        return new ChunkRecord(rs.getLong("id"), rs.getLong("document_id"), rs.getInt("chunk_index"),
                rs.getInt("page_number"), rs.getInt("start_char"), rs.getInt("end_char"), rs.getLong("doc_start_char"),
                rs.getLong("doc_end_char"), rs.getInt("token_count"), rs.getString("text"));
    }

    /** Every place a document was found, oldest first. */
    public List<String> sourcePaths(long documentId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT source_path FROM document_sources WHERE document_id = ? ORDER BY id")) {
                ps.setLong(1, documentId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private static List<PageRecord> readPages(PreparedStatement ps) throws SQLException {
        List<PageRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new PageRecord(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getBoolean(6), PageLayout.decode(rs.getBytes(7))));
            }
        }
        return out;
    }

    private static List<DocumentSummary> readSummaries(PreparedStatement ps) throws SQLException {
        List<DocumentSummary> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long parent = rs.getLong("parent_id");
                Long parentId = rs.wasNull() ? null : parent;
                long prod = rs.getLong("production_id");
                Long productionId = rs.wasNull() ? null : prod;
                out.add(new DocumentSummary(rs.getLong("id"), rs.getString("file_name"),
                        DocumentStatus.of(rs.getString("status")), rs.getString("error"), rs.getString("media_type"),
                        rs.getLong("size_bytes"), rs.getInt("page_count"), rs.getInt("chunk_count"),
                        rs.getString("bates_begin"), rs.getString("bates_end"), rs.getString("custodian"),
                        rs.getString("sha256"), parentId, productionId, rs.getString("language"),
                        rs.getBoolean("ocr_needed"), rs.getTimestamp("created_at").toInstant(), rs.getString("original_name")));
            }
        }
        return out;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
