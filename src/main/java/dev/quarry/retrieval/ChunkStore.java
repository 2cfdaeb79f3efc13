package dev.quarry.retrieval;

import dev.quarry.core.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The reads search needs from chunks, pages and documents: what to index, what a filter allows, what to show. */
public final class ChunkStore {
    private final Database db;

    public ChunkStore(Database db) {
        this.db = db;
    }

    /** A chunk with the document fields the keyword index holds ({@code originalName}: the producer's, or null). */
    public record IndexableChunk(long chunkId, long documentId, String fileName, String custodian, Long productionId,
                                 String mediaType, Instant date, int page, String bates, String text, String originalName) {}

    /** A chunk as shown in a result: where it is and what it says ({@code originalName}: the producer's file name, or null). */
    public record ChunkView(long chunkId, long documentId, String fileName, int page, String bates,
                            long docStartChar, long docEndChar, String text, String originalName) {}

    private static final String INDEXABLE = "SELECT c.id, c.document_id, d.file_name, d.custodian, d.production_id, "
            + "d.media_type, d.doc_date, c.page_number, COALESCE(p.bates, CASE WHEN c.page_number = 1 THEN d.bates_begin END), c.text, d.original_name FROM chunks c "
            + "JOIN documents d ON d.id = c.document_id "
            + "LEFT JOIN pages p ON p.document_id = c.document_id AND p.page_number = c.page_number ";

    /** Chunks with id above {@code afterId}, ascending. */
    public void forEachAfter(long afterId, Consumer<IndexableChunk> sink) {
        stream(INDEXABLE + "WHERE c.id > ? ORDER BY c.id", afterId, sink);
    }

    /** The chunks among {@code ids}, in no particular order (an IN list per batch, {@code SqlIn}). */
    public void forEachIn(Collection<Long> ids, Consumer<IndexableChunk> sink) {
        if (ids.isEmpty()) return;
        dev.quarry.core.SqlIn.forEachRow(db, INDEXABLE + "WHERE c.id IN (", List.of(), ids, rs -> sink.accept(indexable(rs)));
    }

    private void stream(String sql, long arg, Consumer<IndexableChunk> sink) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, arg);
                ps.setFetchSize(500);
                read(ps, sink);
            }
            return null;
        });
    }

    private static void read(PreparedStatement ps, Consumer<IndexableChunk> sink) throws java.sql.SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) sink.accept(indexable(rs));
        }
    }

    /** One row of {@link #INDEXABLE}. */
    private static IndexableChunk indexable(ResultSet rs) throws java.sql.SQLException {
        long prod = rs.getLong(5);
        Long productionId = rs.wasNull() ? null : prod;
        Timestamp ts = rs.getTimestamp(7);
        return new IndexableChunk(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                productionId, rs.getString(6), ts == null ? null : ts.toInstant(), rs.getInt(8),
                rs.getString(9), rs.getString(10), rs.getString(11));
    }

    public Set<Long> allChunkIds() {
        return db.withConnection(c -> {
            Set<Long> out = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM chunks")) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
    }

    public long countChunks() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM chunks")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public long maxChunkId() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM chunks")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The chunk ids a non-empty filter allows. */
    public Set<Long> allowed(SearchFilter f) {
        StringBuilder sql = new StringBuilder("SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.documentIds() != null && !f.documentIds().isEmpty()) {
            sql.append(" AND c.document_id = ANY(?)");
            args.add(f.documentIds().toArray(new Long[0]));
        }
        if (!SearchFilter.blank(f.custodian())) {
            sql.append(" AND LOWER(d.custodian) = LOWER(?)");
            args.add(f.custodian().strip());
        }
        if (f.productionId() != null) {
            sql.append(" AND d.production_id = ?");
            args.add(f.productionId());
        }
        if (f.dateFrom() != null) {
            sql.append(" AND d.doc_date >= ?");
            args.add(Timestamp.from(f.dateFrom().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (f.dateTo() != null) {
            sql.append(" AND d.doc_date < ?");
            args.add(Timestamp.from(f.dateTo().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (!SearchFilter.blank(f.mediaType())) {
            sql.append(" AND LOWER(d.media_type) = LOWER(?)");
            args.add(f.mediaType().strip());
        }
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    Object a = args.get(i);
                    if (a instanceof Long[] arr) ps.setArray(i + 1, c.createArrayOf("BIGINT", arr));
                    else ps.setObject(i + 1, a);
                }
                Set<Long> out = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getLong(1));
                }
                return out;
            }
        });
    }

    /** The document of each live chunk among {@code ids} (an IN list: one index read per id, {@code SqlIn}). */
    public Map<Long, Long> documentsOf(Collection<Long> ids) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        dev.quarry.core.SqlIn.forEachRow(db, "SELECT c.id, c.document_id FROM chunks c WHERE c.id IN (", List.of(), ids,
                rs -> out.put(rs.getLong(1), rs.getLong(2)));
        return out;
    }

    /** The live chunks among {@code ids}; a deleted one is simply absent. */
    public Map<Long, ChunkView> views(Collection<Long> ids) {
        Map<Long, ChunkView> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        dev.quarry.core.SqlIn.forEachRow(db, "SELECT c.id, c.document_id, d.file_name, c.page_number, "
                + "COALESCE(p.bates, CASE WHEN c.page_number = 1 THEN d.bates_begin END), c.doc_start_char, c.doc_end_char, c.text, d.original_name FROM chunks c "
                + "JOIN documents d ON d.id = c.document_id "
                + "LEFT JOIN pages p ON p.document_id = c.document_id AND p.page_number = c.page_number "
                + "WHERE c.id IN (", List.of(), ids,
                rs -> out.put(rs.getLong(1), new ChunkView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9))));
        return out;
    }
}
