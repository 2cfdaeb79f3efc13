package dev.quarry.retrieval.bench;

import dev.quarry.core.Database;
import dev.quarry.core.Hashing;
import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import dev.quarry.retrieval.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Grows a copy of a real matter to a given number of chunks for the search benchmarks: every document
 * is repeated (new ids, a distinct SHA-256, " (copy n)" after the file name) with its pages and chunks,
 * and each copied chunk gets its source vector plus Gaussian noise, re-normalised, so that the copies
 * are near neighbours of the original, not identical points (identical points are a degenerate case for
 * HNSW; and identical texts share one graph node). Each noisy vector gets a text hash of its own. The
 * keyword text is copied as it is, which makes every posting list proportionally longer, as
 * in a real production of that size. The indexes are not touched: the caller builds them and times that.
 *
 * <p>Only ever run on a throw-away copy: the matter gains synthetic documents.
 */
public final class ScaleBench {
    private ScaleBench() {}

    /** What one growth run did. */
    public record Grown(long chunksBefore, long chunksAfter, int copies, double seconds) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chunks_before", chunksBefore);
            m.put("chunks_after", chunksAfter);
            m.put("copies", copies);
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            return m;
        }
    }

    /**
     * Adds copies of the matter's original documents until it holds at least {@code targetChunks}
     * chunks (the last copy may be partial, whole documents at a time).
     *
     * @param noise standard deviation of the noise vector's length relative to the unit vector
     *              (0.5 gives a cosine of about 0.89 between a chunk and its copy)
     */
    public static Grown grow(Matter matter, String modelId, long targetChunks, double noise, Consumer<String> progress) {
        long t0 = System.nanoTime();
        Database db = matter.db();
        long before = scalar(db, "SELECT COUNT(*) FROM chunks");
        if (before == 0) throw new QuarryException("The matter has no chunks to copy.");
        long docStride = scalar(db, "SELECT MAX(id) FROM documents") + 1;
        long chunkStride = scalar(db, "SELECT MAX(id) FROM chunks") + 1;
        long withVector = scalar(db, "SELECT COUNT(*) FROM embeddings WHERE model_id = '" + modelId.replace("'", "''") + "'");
        if (withVector < before) {
            throw new QuarryException("Only " + withVector + " of " + before + " chunks have a " + modelId
                    + " vector; make the matter searchable first (quarry embed).");
        }
        // Originals: every document below the stride; their chunk ids, in order, and the vectors.
        List<long[]> docChunks = new ArrayList<>(); // {documentId, chunkCount}
        db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT document_id, COUNT(*) FROM chunks GROUP BY document_id ORDER BY document_id")) {
                while (rs.next()) docChunks.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
            return null;
        });
        Map<Long, float[]> vectors = new java.util.HashMap<>();
        Map<Long, String> shas = new java.util.HashMap<>();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT chunk_id, text_sha256, vector FROM embeddings WHERE model_id = ?")) {
                ps.setString(1, modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        vectors.put(rs.getLong(1), Vectors.fromBytes(rs.getBytes(3)));
                        shas.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            return null;
        });

        Random random = new Random(42);
        long chunks = before;
        int copy = 0;
        while (chunks < targetChunks) {
            copy++;
            // Whole documents, in id order, until the target is reached.
            long need = targetChunks - chunks;
            long lastDoc = docChunks.get(docChunks.size() - 1)[0];
            long taken = 0;
            for (long[] d : docChunks) {
                taken += d[1];
                if (taken >= need) {
                    lastDoc = d[0];
                    break;
                }
            }
            final int n = copy;
            final long upTo = lastDoc;
            db.inTransaction(c -> {
                copyRows(c, n, docStride, chunkStride, upTo);
                return null;
            });
            long added = insertVectors(db, modelId, n, chunkStride, upTo, vectors, shas, noise, random);
            chunks += added;
            progress.accept("copy " + copy + ": +" + added + " chunks, " + chunks + " in all");
        }
        db.withConnection(c -> {
            try (Statement st = c.createStatement()) {
                // Explicit ids do not advance the identity sequences; later inserts must not collide.
                for (String t : List.of("documents", "chunks")) {
                    long max;
                    try (ResultSet rs = st.executeQuery("SELECT MAX(id) FROM " + t)) {
                        rs.next();
                        max = rs.getLong(1);
                    }
                    st.execute("ALTER TABLE " + t + " ALTER COLUMN id RESTART WITH " + (max + 1));
                }
            }
            return null;
        });
        return new Grown(before, chunks, copy, (System.nanoTime() - t0) / 1e9);
    }

    private static void copyRows(Connection c, int n, long docStride, long chunkStride, long upToDoc) throws SQLException {
        long docOffset = n * docStride;
        long chunkOffset = n * chunkStride;
        String suffix = String.format("%08d", n);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO documents (id, sha256, file_name, media_type, size_bytes, "
                + "production_id, parent_id, status, error, page_count, chunk_count, text_chars, language, bates_begin, bates_end, "
                + "custodian, title, author, doc_date, metadata, created_at, updated_at) "
                + "SELECT id + ?, LEFT(sha256, 56) || ?, file_name || ?, media_type, size_bytes, production_id, "
                + "CASE WHEN parent_id IS NULL THEN NULL ELSE parent_id + ? END, status, error, page_count, chunk_count, "
                + "text_chars, language, bates_begin, bates_end, custodian, title, author, doc_date, metadata, created_at, updated_at "
                + "FROM documents WHERE id < ? AND id <= ? ORDER BY id")) {
            ps.setLong(1, docOffset);
            ps.setString(2, suffix);
            ps.setString(3, " (copy " + n + ")");
            ps.setLong(4, docOffset);
            ps.setLong(5, docStride);
            ps.setLong(6, upToDoc);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pages (document_id, page_number, start_char, text, bates, image_only) "
                + "SELECT document_id + ?, page_number, start_char, text, bates, image_only FROM pages WHERE document_id < ? AND document_id <= ?")) {
            ps.setLong(1, docOffset);
            ps.setLong(2, docStride);
            ps.setLong(3, upToDoc);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunks (id, document_id, chunk_index, page_number, start_char, "
                + "end_char, doc_start_char, doc_end_char, token_count, text) SELECT id + ?, document_id + ?, chunk_index, page_number, "
                + "start_char, end_char, doc_start_char, doc_end_char, token_count, text FROM chunks "
                + "WHERE id < ? AND document_id <= ? ORDER BY id")) {
            ps.setLong(1, chunkOffset);
            ps.setLong(2, docOffset);
            ps.setLong(3, chunkStride);
            ps.setLong(4, upToDoc);
            ps.executeUpdate();
        }
    }

    private static long insertVectors(Database db, String modelId, int n, long chunkStride, long upToDoc,
                                      Map<Long, float[]> vectors, Map<Long, String> shas, double noise, Random random) {
        List<Long> ids = new ArrayList<>();
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chunks WHERE id < ? AND document_id <= ? ORDER BY id")) {
                ps.setLong(1, chunkStride);
                ps.setLong(2, upToDoc);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            return null;
        });
        double sigma = noise / Math.sqrt(384);
        for (int from = 0; from < ids.size(); from += 5000) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 5000));
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO embeddings (chunk_id, model_id, text_sha256, vector) VALUES (?, ?, ?, ?)")) {
                    for (long id : slice) {
                        float[] src = vectors.get(id);
                        float[] v = new float[src.length];
                        for (int d = 0; d < v.length; d++) v[d] = (float) (src[d] + random.nextGaussian() * sigma);
                        ps.setLong(1, id + n * chunkStride);
                        ps.setString(2, modelId);
                        // A noisy vector is not the vector of the copied text: it gets a text hash of its own, so
                        // the index gives it a node of its own instead of treating it as that text's copy.
                        ps.setString(3, Hashing.sha256(shas.get(id) + " copy " + n));
                        ps.setBytes(4, Vectors.toBytes(Vectors.normalize(v)));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        return ids.size();
    }

    private static long scalar(Database db, String sql) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
