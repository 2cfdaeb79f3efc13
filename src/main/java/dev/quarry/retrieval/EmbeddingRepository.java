package dev.quarry.retrieval;

import dev.quarry.core.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code embeddings} table: stored vectors per chunk and model. */
public final class EmbeddingRepository {
    private final Database db;

    public EmbeddingRepository(Database db) {
        this.db = db;
    }

    public record PendingChunk(long chunkId, String text) {}

    public record NewVector(long chunkId, String textSha256, float[] vector) {}

    /**
     * A stored vector: its row id (ascending insertion order), chunk, the key of its text (the same for
     * every chunk with that text: see V004) and floats.
     */
    public record StoredVector(long rowId, long chunkId, long textKey, float[] vector) {}

    /** Chunks with no vector for this model, in ascending id order, after {@code afterId}. */
    public List<PendingChunk> pending(String modelId, long afterId, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.text FROM chunks c WHERE c.id > ? AND NOT EXISTS "
                    + "(SELECT 1 FROM embeddings e WHERE e.chunk_id = c.id AND e.model_id = ?) ORDER BY c.id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setString(2, modelId);
                ps.setInt(3, limit);
                List<PendingChunk> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new PendingChunk(rs.getLong(1), rs.getString(2)));
                }
                return out;
            }
        });
    }

    public long countPending(String modelId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS "
                    + "(SELECT 1 FROM embeddings e WHERE e.chunk_id = c.id AND e.model_id = ?)")) {
                ps.setString(1, modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** A vector this model already made for the same text, if any. */
    public Optional<float[]> findByText(String modelId, String textSha256) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT vector FROM embeddings WHERE model_id = ? AND text_sha256 = ? LIMIT 1")) {
                ps.setString(1, modelId);
                ps.setString(2, textSha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Vectors.fromBytes(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    /** Stores vectors in one transaction; a vector already there (a resumed job) is left as it is. */
    public void insert(String modelId, List<NewVector> vectors) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO embeddings (chunk_id, model_id, text_sha256, vector) "
                    + "KEY (chunk_id, model_id) VALUES (?, ?, ?, ?)")) {
                for (NewVector v : vectors) {
                    ps.setLong(1, v.chunkId());
                    ps.setString(2, modelId);
                    ps.setString(3, v.textSha256());
                    ps.setBytes(4, Vectors.toBytes(v.vector()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Streams this model's vectors with row id above {@code afterRowId}, in row order. */
    public void forEach(String modelId, long afterRowId, Consumer<StoredVector> sink) {
        stream("SELECT id, chunk_id, text_key, vector FROM embeddings WHERE model_id = ? AND id > ? ORDER BY id",
                modelId, afterRowId, sink);
    }

    /**
     * Like {@link #forEach} but only the first row of each distinct text: a text whose key already has an
     * older row (copies of one passage in many documents) is left out, since its vector is the same.
     */
    public void forEachDistinct(String modelId, long afterRowId, Consumer<StoredVector> sink) {
        stream("SELECT e.id, e.chunk_id, e.text_key, e.vector FROM embeddings e WHERE e.model_id = ? AND e.id > ? "
                + "AND NOT EXISTS (SELECT 1 FROM embeddings p WHERE p.text_key = e.text_key AND p.model_id = e.model_id "
                + "AND p.id < e.id) ORDER BY e.id", modelId, afterRowId, sink);
    }

    private void stream(String sql, String modelId, long afterRowId, Consumer<StoredVector> sink) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, modelId);
                ps.setLong(2, afterRowId);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new StoredVector(rs.getLong(1), rs.getLong(2), rs.getLong(3), Vectors.fromBytes(rs.getBytes(4))));
                    }
                }
            }
            return null;
        });
    }

    /**
     * The chunks that have a vector of this model for each of some text keys, in ascending chunk id:
     * what one graph node of the vector index stands for.
     */
    public Map<Long, List<Long>> chunksByTextKey(String modelId, Collection<Long> textKeys) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (textKeys.isEmpty()) return out;
        // An IN list, one parameter per key: H2 reads the (text_key, model_id) index once per key (SqlIn).
        dev.quarry.core.SqlIn.forEachRow(db, "SELECT e.text_key, e.chunk_id FROM embeddings e WHERE e.model_id = ? AND e.text_key IN (",
                List.of(modelId), textKeys, rs -> out.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>()).add(rs.getLong(2)));
        for (List<Long> chunks : out.values()) java.util.Collections.sort(chunks);
        return out;
    }

    /** Exact vectors for some chunks (the re-rank after the compact graph search). */
    public Map<Long, float[]> vectors(String modelId, Collection<Long> chunkIds) {
        Map<Long, float[]> out = new HashMap<>();
        if (chunkIds.isEmpty()) return out;
        dev.quarry.core.SqlIn.forEachRow(db, "SELECT e.chunk_id, e.vector FROM embeddings e WHERE e.model_id = ? AND e.chunk_id IN (",
                List.of(modelId), chunkIds, rs -> out.put(rs.getLong(1), Vectors.fromBytes(rs.getBytes(2))));
        return out;
    }

    public long maxRowId(String modelId) {
        return scalar("SELECT COALESCE(MAX(id), 0) FROM embeddings WHERE model_id = ?", modelId);
    }

    /** How many distinct texts this model has vectors for: the nodes a full vector index holds. */
    public long countTexts(String modelId) {
        return scalar("SELECT COUNT(DISTINCT text_key) FROM embeddings WHERE model_id = ?", modelId);
    }

    /** How many of this model's rows up to {@code maxRowId} are left (an index-only count). */
    public long countUpTo(String modelId, long maxRowId) {
        return scalar("SELECT COUNT(*) FROM embeddings WHERE model_id = ? AND id <= ?", modelId, maxRowId);
    }

    public long count(String modelId) {
        return scalar("SELECT COUNT(*) FROM embeddings WHERE model_id = ?", modelId);
    }

    private long scalar(String sql, Object... params) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

}
