package dev.quarry.retrieval;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Search for one open matter: the model, both indexes and the embed job, loaded once. The model is the
 * matter's own (setting {@code embedding.model}); vectors of any other model are ignored until an
 * explicit re-embed.
 */
public final class Retrieval implements AutoCloseable {
    private final Matter matter;
    private final ModelManifest model;
    private final Embedder embedder;
    private Embedder queryEmbedder;
    private final ChunkStore chunks;
    private final KeywordIndex keywords;
    private final EmbeddingService embeddings;
    private VectorIndex vectors;
    /** BM25 for hybrid searches, beside the query embedding on the caller's thread (two: a search and Q&A at once). */
    private final ExecutorService keywordRanking = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "quarry-keyword-ranking");
        t.setDaemon(true);
        return t;
    });

    public Retrieval(Matter matter, ModelManifest model) {
        this.matter = matter;
        this.model = model;
        this.embedder = new Embedder(model, Embedder.defaultThreads());
        this.chunks = new ChunkStore(matter.db());
        // A guest (the app owns the matter) reads the owner's keyword index; only the owner writes it.
        this.keywords = matter.guest() ? KeywordIndex.openReadOnly(chunks, matter.indexDir().resolve("keyword"), matter.indexCipher())
                : KeywordIndex.open(chunks, matter.indexDir().resolve("keyword"), matter.indexCipher());
        this.embeddings = new EmbeddingService(matter, embedder);
    }

    /** The vector index, loaded (or rebuilt and caught up) on first use. */
    public synchronized VectorIndex vectors() {
        if (vectors == null) {
            vectors = VectorIndex.open(new EmbeddingRepository(matter.db()), embedder.modelId(), matter.indexDir(), matter.indexCipher());
            // A rebuilt or caught-up index is saved at once, so the next open loads it instead of rebuilding;
            // a guest catches up in memory only and leaves the owner's saved index alone.
            if (!vectors.isSaved() && !matter.guest()) vectors.save();
        }
        return vectors;
    }

    /** The passage embedder (all cores: throughput for the embed job). */
    public Embedder embedder() {
        return embedder;
    }

    /**
     * The query embedder: a second session of the same model on one thread. A one-sentence query gains
     * nothing from a second core; on 2 cores the split cost more than it saved (query p50 16 → 13.5 ms,
     * p95 25 → 18 ms, docs/BENCHMARKS.md) and it leaves the other core to the embed job.
     */
    public synchronized Embedder queryEmbedder() {
        if (queryEmbedder == null) queryEmbedder = new Embedder(model, queryThreads());
        return queryEmbedder;
    }

    /**
     * Intra-op threads of the query session: {@code QUARRY_QUERY_THREADS}, else 1. One was fastest for hybrid
     * search on a 2-core machine with VNNI (docs/BENCHMARKS.md). On an AVX2-only CPU, timed query by query
     * in one run ({@code bench search --compare-query-threads 1,2}), two gave hybrid p50 -21 % and p95 -2 %
     * at 50,000 chunks but p50 -4 % and p95 +15 % at 1,000,000: no case for changing the default.
     */
    static int queryThreads() {
        String env = System.getenv("QUARRY_QUERY_THREADS");
        return env != null && env.matches("[1-9]\\d?") ? Integer.parseInt(env) : 1;
    }

    public KeywordIndex keywords() {
        return keywords;
    }

    /** Makes every stored chunk keyword-searchable now (cheap; call after each parsed batch). */
    public void indexKeywords() {
        keywords.catchUp();
    }

    /**
     * Embeds chunks as they land while {@code importRunning} is true, then the rest; keyword-indexes
     * and finally brings the vector index up to date and saves it.
     */
    public EmbeddingService.Report makeSearchable(BooleanSupplier importRunning, ProgressListener progress, CancelToken cancel) {
        ownerOnly();
        EmbeddingService.Report r = embeddings.runWhile(() -> {
            boolean running = importRunning.getAsBoolean();
            keywords.catchUp();
            return running;
        }, progress, cancel);
        keywords.catchUp();
        // Cancelled: stop now. The vector index is a cache and catches up with the stored vectors when next opened.
        if (cancel.isCancelled()) return r;
        VectorIndex v = vectors();
        if (v.catchUp() > 0 || !v.isSaved()) v.save();
        return r;
    }

    /** Keyword indexing only (embedding left for later): reports an empty, completed embed. */
    public EmbeddingService.Report indexKeywordsOnly() {
        ownerOnly();
        keywords.catchUp();
        return new EmbeddingService.Report(0, dev.quarry.core.jobs.JobStatus.COMPLETED, 0, 0, java.time.Duration.ZERO);
    }

    private void ownerOnly() {
        if (matter.guest()) {
            throw new dev.quarry.core.QuarryException("This matter is open in another Quarry window or process; close it there first.");
        }
    }

    public List<SearchHit> search(String query, SearchService.Mode mode, int k, SearchFilter filter) {
        return search(query, mode, k, filter, true);
    }

    /**
     * The hits alone (measurement, Q&A): invalid keyword syntax is read as plain words in every mode.
     *
     * @param snippets whether keyword hits get a highlighted snippet (costly; a passage reader needs none)
     */
    public List<SearchHit> search(String query, SearchService.Mode mode, int k, SearchFilter filter, boolean snippets) {
        return service(mode).search(query, mode, k, filter, snippets);
    }

    /** A reviewer's search, with its notice about the keyword part ({@link SearchService#find}). */
    public SearchResult find(String query, SearchService.Mode mode, int k, SearchFilter filter) {
        return service(mode).find(query, mode, k, filter, true);
    }

    private SearchService service(SearchService.Mode mode) {
        // A keyword search needs neither the query model nor the vector index: it never waits for either to load.
        boolean keywordOnly = mode == SearchService.Mode.KEYWORD;
        return new SearchService(chunks, keywordOnly ? embedder : queryEmbedder(), keywordOnly ? null : vectors(), keywords,
                keywordRanking);
    }

    @Override
    public void close() {
        keywordRanking.shutdownNow();
        try {
            keywords.close();
        } finally {
            embedder.close();
            synchronized (this) {
                if (queryEmbedder != null) queryEmbedder.close();
            }
        }
    }
}
