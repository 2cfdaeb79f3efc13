package dev.quarry.retrieval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import dev.quarry.core.Json;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One matter's approximate nearest-neighbour index over the vectors of one model (hnswlib, M=32,
 * efConstruction=200, inner product on unit vectors, 8-bit vectors in the graph), with one graph node per
 * distinct text: the chunks that share a text share its vector and are found through its node.
 *
 * <p>It is a rebuildable cache of the {@code embeddings} table: saved under the matter's index folder
 * with a format version and the highest embeddings row it covers; on open it is caught up with newer
 * rows, or rebuilt when the stamp does not match the database. Candidates are re-ranked with the exact
 * floats from the database, which also drops chunks deleted since the index was built: a deleted
 * document never comes back.
 */
public final class VectorIndex {
    private static final Logger log = LoggerFactory.getLogger(VectorIndex.class);
    /**
     * 4: one node per distinct text, keyed by {@code embeddings.text_key}. 3: M = 32, a node per chunk. 2:
     * items written by {@link QuantizedVector.Serializer}. 1: Java serialization per item. An index of
     * another format is rebuilt.
     */
    public static final int FORMAT = 4;
    /**
     * Links per node (twice as many on the bottom layer). 16 broke on clusters of 35 near-duplicate chunks,
     * recall@10 0.14; 32 gives 0.998 on the same matter (docs/BENCHMARKS.md). Productions repeat passages.
     */
    static final int M = 32;
    static final int EF_CONSTRUCTION = 200;
    /** The most graph nodes a filtered search asks for; a narrower filter than that is searched exactly. */
    static final int MAX_FILTERED_CANDIDATES = 5_000;

    /**
     * What a saved index covers: embeddings rows up to {@code maxRowId}, of which {@code rows} were live when
     * it was saved (null in stamps written before that was recorded).
     */
    record Stamp(@JsonProperty("format") int format, @JsonProperty("model") String model,
                 @JsonProperty("max_row_id") long maxRowId, @JsonProperty("items") int items,
                 @JsonProperty("rows") Long rows) {}

    /** Rebuilt on open once fewer than this share of the rows it covered are left (documents deleted). */
    static final double MIN_LIVE_SHARE = 0.8;

    public record Hit(long chunkId, double score) {}

    /** A graph node found for a query: the key of a distinct text and its approximate score. */
    record Node(long textKey, double score) {}

    private final EmbeddingRepository vectors;
    private final String modelId;
    private final Path file;
    private final Path stampFile;
    private HnswIndex<Long, QuantizedVector, QuantizedVector, Float> graph;
    private long maxRowId;
    private int ef = 200;
    private boolean saved;
    private final int buildThreads;
    /** Encrypts the graph and stamp files in an encrypted matter; null otherwise. */
    private dev.quarry.core.crypto.FileCipher cipher;

    private VectorIndex(EmbeddingRepository vectors, String modelId, Path dir, int buildThreads) {
        this.vectors = vectors;
        this.modelId = modelId;
        this.file = dir.resolve("vectors-" + modelId + ".hnsw");
        this.stampFile = dir.resolve("vectors-" + modelId + ".json");
        this.buildThreads = buildThreads;
    }

    /** An empty index with no database behind it (benchmarks on synthetic vectors). */
    static VectorIndex inMemory(Path dir, int buildThreads) {
        VectorIndex idx = new VectorIndex(null, "bench", dir, buildThreads);
        idx.graph = newGraph(1024);
        return idx;
    }

    static VectorIndex loadInMemory(Path dir) throws IOException {
        VectorIndex idx = new VectorIndex(null, "bench", dir, 1);
        idx.graph = HnswIndex.load(idx.file, VectorIndex.class.getClassLoader());
        return idx;
    }

    /** Opens the saved index if its stamp matches the database, else rebuilds it; then catches up. */
    public static VectorIndex open(EmbeddingRepository vectors, String modelId, Path indexDir) {
        return open(vectors, modelId, indexDir, null);
    }

    /** As {@link #open(EmbeddingRepository, String, Path)}, with the files encrypted by {@code cipher} (null: in the clear). */
    public static VectorIndex open(EmbeddingRepository vectors, String modelId, Path indexDir, dev.quarry.core.crypto.FileCipher cipher) {
        VectorIndex idx = new VectorIndex(vectors, modelId, indexDir, Math.max(1, Runtime.getRuntime().availableProcessors()));
        idx.cipher = cipher;
        if (!idx.load()) idx.graph = newGraph(1024);
        idx.catchUp();
        return idx;
    }

    private boolean load() {
        if (!Files.isRegularFile(file) || !Files.isRegularFile(stampFile)) return false;
        try {
            Stamp s;
            try (var in = read(stampFile)) {
                s = Json.MAPPER.readValue(in, Stamp.class);
            }
            long dbMax = vectors.maxRowId(modelId);
            if (s.format() != FORMAT || !modelId.equals(s.model()) || s.maxRowId() > dbMax) {
                log.info("Vector index {} is stale (stamp {} vs database max row {}); rebuilding", file, s, dbMax);
                return false;
            }
            long t0 = System.nanoTime();
            graph = HnswIndex.load(read(file), VectorIndex.class.getClassLoader());
            long t1 = System.nanoTime();
            if (graph.size() != s.items()) return false;
            // Deleted documents leave their texts' nodes behind (search skips them). Past a fifth of the index,
            // rebuild. Counting the covered rows reads one index; counting distinct texts, as stamps without
            // a row count need, reads every vector (opening a million-chunk index took 47 s with it, 6-12 s without).
            boolean manyDeleted = s.rows() != null
                    ? vectors.countUpTo(modelId, s.maxRowId()) < MIN_LIVE_SHARE * s.rows()
                    : graph.size() > vectors.countTexts(modelId) / MIN_LIVE_SHARE + 100;
            if (manyDeleted) {
                log.info("Vector index {} holds many deleted chunks; rebuilding it", file);
                return false;
            }
            log.info("Loaded vector index {} ({} nodes): file {} ms, check against the database {} ms", file,
                    graph.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            maxRowId = s.maxRowId();
            saved = true;
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Vector index {} could not be read; rebuilding it from the stored vectors", file, e);
            return false;
        }
    }

    private static HnswIndex<Long, QuantizedVector, QuantizedVector, Float> newGraph(int capacity) {
        return HnswIndex.<QuantizedVector, Float>newBuilder(384, new QuantizedVector.InnerProduct(), capacity)
                .withM(M).withEfConstruction(EF_CONSTRUCTION).withEf(200)
                .withCustomSerializers(new QuantizedVector.IdSerializer(), new QuantizedVector.Serializer()).build();
    }

    /**
     * Adds a node for every text first stored since the index was last caught up; returns how many were
     * added. A row whose text already has a node needs none: the node finds it at search time.
     */
    public synchronized int catchUp() {
        long covered = Math.max(maxRowId, vectors.maxRowId(modelId));
        List<QuantizedVector> batch = new ArrayList<>();
        long[] max = {covered};
        vectors.forEachDistinct(modelId, maxRowId, v -> {
            if (!graph.contains(v.textKey())) batch.add(QuantizedVector.of(v.textKey(), v.vector()));
            max[0] = Math.max(max[0], v.rowId());
        });
        if (max[0] == maxRowId) return 0;
        if (!batch.isEmpty()) add(batch);
        maxRowId = max[0];
        saved = false;
        return batch.size();
    }

    /** Adds vectors directly (benchmarks with synthetic vectors); normal use goes through {@link #catchUp()}. */
    synchronized void add(Collection<QuantizedVector> items) {
        int needed = graph.size() + items.size();
        if (needed > graph.getMaxItemCount()) graph.resize(Math.max(needed, graph.getMaxItemCount() * 2));
        try {
            graph.addAll(items, buildThreads, (done, total) -> {}, 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuarryException("Building the vector index was interrupted.", e);
        }
    }

    public void setEf(int ef) {
        this.ef = ef;
    }

    public int size() {
        return graph.size();
    }

    public boolean isSaved() {
        return saved;
    }

    public long maxRowId() {
        return maxRowId;
    }

    /** A file of the index, decrypted in an encrypted matter; buffered (serialization reads a few bytes at a time). */
    private java.io.InputStream read(Path f) throws IOException {
        java.io.InputStream in = Files.newInputStream(f);
        return new java.io.BufferedInputStream(cipher == null ? in : cipher.decrypt(in), 1 << 16);
    }

    private java.io.OutputStream write(Path f) throws IOException {
        java.io.OutputStream out = Files.newOutputStream(f);
        return new java.io.BufferedOutputStream(cipher == null ? out : cipher.encrypt(out), 1 << 16);
    }

    /** Saves graph and stamp (graph first, stamp last: a crash in between leaves a stamp that does not match). */
    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(stampFile);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            graph.save(write(tmp));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (var out = write(stampFile)) {
                Json.MAPPER.writeValue(out, new Stamp(FORMAT, modelId, maxRowId, graph.size(),
                        vectors == null ? null : vectors.countUpTo(modelId, maxRowId)));
            }
            saved = true;
        } catch (IOException e) {
            throw new QuarryException("The vector index could not be saved in " + file.getParent() + ".", e);
        }
    }

    /** Graph candidates only (no re-rank): nodes with approximate scores, best first. */
    synchronized List<Node> candidates(float[] query, int n) {
        graph.setEf(Math.max(ef, n));
        List<Node> out = new ArrayList<>(n);
        for (SearchResult<QuantizedVector, Float> r : graph.findNearest(QuantizedVector.of(-1, query), n)) {
            out.add(new Node(r.item().key(), 1.0 - r.distance()));
        }
        return out;
    }

    /**
     * The {@code k} nearest live chunks that {@code allowed} accepts, scored by exact cosine. The graph is
     * asked for more nodes than needed so that filtered-out and deleted chunks leave enough.
     */
    public List<Hit> search(float[] query, int k, LongPredicate allowed) {
        return search(query, k, allowed, 1.0);
    }

    /**
     * As {@link #search(float[], int, LongPredicate)}, for a filter that accepts about {@code allowedShare}
     * of the matter's chunks: the graph is asked for proportionally more nodes (up to
     * {@value #MAX_FILTERED_CANDIDATES}), so that a filter keeping 5 % of a million chunks still fills k.
     */
    public List<Hit> search(float[] query, int k, LongPredicate allowed, double allowedShare) {
        double share = Math.min(1.0, Math.max(allowedShare, 1e-6));
        int n = (int) Math.min(MAX_FILTERED_CANDIDATES, Math.ceil(Math.max(k * 4, 64) / share));
        return search(query, k, n, allowed);
    }

    /**
     * The {@code k} nearest live chunks, no filter: a quarter more nodes than asked for covers texts
     * deleted since the index was built (the index is rebuilt before they pass a quarter of it). A node
     * stands for one or more chunks, so the nodes give at least as many chunks as they are.
     */
    public List<Hit> search(float[] query, int k) {
        return search(query, k, k + k / 4 + 16, id -> true);
    }

    /**
     * Graph nodes, re-scored with the exact floats of their text (read once per node), then expanded to
     * every live chunk with that text that {@code allowed} accepts; a chunk deleted since the graph was
     * built has no row and so never comes back.
     */
    private List<Hit> search(float[] query, int k, int n, LongPredicate allowed) {
        List<Long> keys = new ArrayList<>();
        for (Node node : candidates(query, n)) keys.add(node.textKey());
        Map<Long, List<Long>> chunksByKey = vectors.chunksByTextKey(modelId, keys);
        Map<Long, List<Long>> chunksByFirst = new HashMap<>();
        for (List<Long> chunks : chunksByKey.values()) chunksByFirst.put(chunks.get(0), chunks);
        List<Hit> out = new ArrayList<>();
        forEachVector(chunksByFirst.keySet(), (first, v) -> {
            double score = Vectors.dot(query, v);
            for (long chunk : chunksByFirst.get(first)) if (allowed.test(chunk)) out.add(new Hit(chunk, score));
        });
        return best(out, k);
    }

    /** Exact search over a known set of chunks (a narrow filter): no graph, every vector compared. */
    public List<Hit> exact(float[] query, Collection<Long> chunkIds, int k) {
        return rerank(query, chunkIds, k);
    }

    private List<Hit> rerank(float[] query, Collection<Long> chunkIds, int k) {
        List<Hit> out = new ArrayList<>();
        forEachVector(chunkIds, (id, v) -> out.add(new Hit(id, Vectors.dot(query, v))));
        return best(out, k);
    }

    /** The stored floats of some chunks, read 2,000 at a time. */
    private void forEachVector(Collection<Long> chunkIds, BiConsumer<Long, float[]> sink) {
        List<Long> ids = new ArrayList<>(chunkIds);
        for (int from = 0; from < ids.size(); from += 2000) {
            vectors.vectors(modelId, ids.subList(from, Math.min(ids.size(), from + 2000))).forEach(sink);
        }
    }

    private static List<Hit> best(List<Hit> hits, int k) {
        hits.sort(Comparator.comparingDouble(Hit::score).reversed().thenComparingLong(Hit::chunkId));
        return hits.size() > k ? new ArrayList<>(hits.subList(0, k)) : hits;
    }
}
