package dev.quarry.retrieval.bench;

import dev.quarry.core.Matter;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.retrieval.Retrieval;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Search latency on one matter as a user meets it: open the matter, load (or build) both indexes, then
 * run each query in each mode through the same {@link Retrieval#search} the command line and the app
 * use, end to end (query embedding, graph search, exact re-rank from the database, BM25 with snippets,
 * fusion, and reading the hits' pages and Bates). Reports wall and CPU time per query, how long opening
 * took, and the heap the open matter holds after a full collection.
 */
public final class SearchBench {
    private SearchBench() {}

    public static Map<String, Object> run(Matter matter, ModelManifest model, List<String> queries, List<String> warmup,
                                          List<SearchService.Mode> modes, int k) {
        return run(matter, model, queries, warmup, modes, k, 0);
    }

    /**
     * @param recallQueries how many of the queries also measure the graph's recall@k against an exact scan of
     *                      every stored vector (slow: the scan reads all of them from the database)
     */
    public static Map<String, Object> run(Matter matter, ModelManifest model, List<String> queries, List<String> warmup,
                                          List<SearchService.Mode> modes, int k, int recallQueries) {
        return run(matter, model, queries, warmup, modes, k, recallQueries, List.of());
    }

    /**
     * @param queryThreads thread counts of query sessions to compare in the same run (empty: none); each query
     *                     is searched once with each, in rotating order, so that a noisy machine hurts them alike
     */
    public static Map<String, Object> run(Matter matter, ModelManifest model, List<String> queries, List<String> warmup,
                                          List<SearchService.Mode> modes, int k, int recallQueries, List<Integer> queryThreads) {
        return run(matter, model, queries, warmup, modes, k, recallQueries, queryThreads, List.of());
    }

    /** The comparisons {@code run} can add: each times two ways of searching, interleaved query by query. */
    public static final List<String> COMPARISONS = List.of("overlap");

    /**
     * @param compare comparisons from {@link #COMPARISONS}: "overlap" times hybrid search with BM25 beside
     *                the dense path against one after the other
     */
    public static Map<String, Object> run(Matter matter, ModelManifest model, List<String> queries, List<String> warmup,
                                          List<SearchService.Mode> modes, int k, int recallQueries, List<Integer> queryThreads,
                                          List<String> compare) {
        Map<String, Object> out = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long heap0 = heapUsed();
        long t0 = System.nanoTime();
        try (Retrieval r = new Retrieval(matter, model)) {
            out.put("open_model_and_keyword_index_ms", ms(System.nanoTime() - t0));
            long heap1 = heapUsed();
            t0 = System.nanoTime();
            int items = r.vectors().size();
            out.put("vector_index_load_ms", ms(System.nanoTime() - t0));
            long heap2 = heapUsed();
            out.put("vector_index_items", items);
            out.put("heap_vector_index_mb", mb(heap2 - heap1));
            out.put("heap_open_matter_mb", mb(heap2 - heap0));
            out.put("heap_used_mb", mb(heap2));
            out.put("max_heap_mb", mb(Runtime.getRuntime().maxMemory()));
            // Saving rewrites the same index atomically: timed here so load and save come from one run.
            t0 = System.nanoTime();
            r.vectors().save();
            out.put("vector_index_save_ms", ms(System.nanoTime() - t0));

            // What a user meets first: one search in a freshly opened matter, before anything is warm.
            if (!warmup.isEmpty()) {
                t0 = System.nanoTime();
                r.search(warmup.get(0), modes.get(0), k, SearchFilter.NONE);
                out.put("first_search_ms", ms(System.nanoTime() - t0));
            }
            for (String q : warmup) {
                for (SearchService.Mode m : modes) r.search(q, m, k, SearchFilter.NONE);
            }
            out.put("warmup_queries", warmup.size());
            // Query embedding alone, so the model's share of dense and hybrid time can be read off.
            List<Long> embed = new ArrayList<>();
            for (String q : queries) {
                long s = System.nanoTime();
                r.queryEmbedder().embedQuery(q);
                embed.add(System.nanoTime() - s);
            }
            out.put("queries", queries.size());
            out.put("k", k);
            out.put("query_embedding", stats(embed, null));
            for (SearchService.Mode m : modes) {
                List<Long> wall = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                for (String q : queries) {
                    long c = threads.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    r.search(q, m, k, SearchFilter.NONE);
                    wall.add(System.nanoTime() - s);
                    cpu.add(threads.getCurrentThreadCpuTime() - c);
                }
                out.put(m.name().toLowerCase(java.util.Locale.ROOT), stats(wall, cpu));
            }
            // Hybrid's parts one after another (in a real hybrid search BM25 overlaps the query embedding).
            if (modes.contains(SearchService.Mode.HYBRID)) {
                int depth = SearchService.fusionDepth(k);
                dev.quarry.retrieval.ChunkStore store = new dev.quarry.retrieval.ChunkStore(matter.db());
                List<Long> graph = new ArrayList<>(), bm25 = new ArrayList<>(), views = new ArrayList<>(), snippets = new ArrayList<>();
                for (String q : queries) {
                    float[] v = r.queryEmbedder().embedQuery(q);
                    long s = System.nanoTime();
                    List<dev.quarry.retrieval.VectorIndex.Hit> dense = r.vectors().search(v, depth);
                    graph.add(System.nanoTime() - s);
                    s = System.nanoTime();
                    List<dev.quarry.retrieval.KeywordIndex.Hit> kw = r.keywords().rank(q, depth, SearchFilter.NONE);
                    bm25.add(System.nanoTime() - s);
                    List<Long> shown = new ArrayList<>();
                    for (int i = 0; i < k && i < dense.size(); i++) shown.add(dense.get(i).chunkId());
                    s = System.nanoTime();
                    store.views(shown);
                    views.add(System.nanoTime() - s);
                    Map<Long, String> kwShown = new java.util.HashMap<>();
                    store.views(kw.stream().limit(k).map(dev.quarry.retrieval.KeywordIndex.Hit::chunkId).toList())
                            .forEach((id, view) -> kwShown.put(id, view.text()));
                    s = System.nanoTime();
                    r.keywords().highlight(q, kwShown);
                    snippets.add(System.nanoTime() - s);
                }
                Map<String, Object> parts = new LinkedHashMap<>();
                parts.put("fusion_depth", depth);
                parts.put("graph_search_and_exact_rerank", stats(graph, null));
                parts.put("bm25_rank", stats(bm25, null));
                parts.put("read_hits_from_database", stats(views, null));
                parts.put("snippets", stats(snippets, null));
                out.put("hybrid_parts_sequential", parts);
            }
            if (compare.contains("overlap")) out.put("overlap_compared", compareOverlap(matter, r, queries, warmup, k));
            if (!queryThreads.isEmpty()) out.put("query_threads_compared", compareQueryThreads(matter, model, r, queries, warmup, k, queryThreads));
            if (recallQueries > 0) out.put("dense_recall_vs_exact", recall(matter, r, queries, recallQueries, k));
            out.put("heap_after_queries_mb", mb(heapUsed()));
        }
        return out;
    }

    /**
     * Hybrid search with query sessions of different thread counts, interleaved query by query (the order
     * rotates), each against the same indexes: the figures to choose the default by, free of the drift
     * between runs on a shared machine. Reports each count's query embedding and hybrid p50/p95, and its
     * ratio to the first count's.
     */
    static Map<String, Object> compareQueryThreads(Matter matter, ModelManifest model, Retrieval r, List<String> queries,
                                                   List<String> warmup, int k, List<Integer> counts) {
        dev.quarry.retrieval.ChunkStore store = new dev.quarry.retrieval.ChunkStore(matter.db());
        List<dev.quarry.retrieval.Embedder> embedders = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        // BM25 beside the query embedding, as Retrieval.search runs it: more query threads compete with it.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (int c : counts) embedders.add(new dev.quarry.retrieval.Embedder(model, c));
            List<SearchService> services = embedders.stream()
                    .map(e -> new SearchService(store, e, r.vectors(), r.keywords(), pool)).toList();
            for (String q : warmup) for (SearchService s : services) s.search(q, SearchService.Mode.HYBRID, k, SearchFilter.NONE);
            List<List<Long>> embed = interleave(queries, embedders.stream().map(e -> (Consumer<String>) e::embedQuery).toList());
            List<List<Long>> hybrid = interleave(queries, services.stream()
                    .map(sv -> (Consumer<String>) q -> sv.search(q, SearchService.Mode.HYBRID, k, SearchFilter.NONE)).toList());
            for (int i = 0; i < counts.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("query_embedding", stats(embed.get(i), null));
                m.put("hybrid", stats(hybrid.get(i), null));
                putRatios(m, "hybrid", hybrid.get(i), hybrid.get(0));
                out.put("threads_" + counts.get(i), m);
            }
        } finally {
            pool.shutdownNow();
            embedders.forEach(dev.quarry.retrieval.Embedder::close);
        }
        return out;
    }

    /**
     * Hybrid search with BM25 on a second thread beside the query embedding and graph search (as
     * {@link Retrieval#search} runs it) against the two one after the other, interleaved query by query.
     */
    static Map<String, Object> compareOverlap(Matter matter, Retrieval r, List<String> queries, List<String> warmup, int k) {
        dev.quarry.retrieval.ChunkStore store = new dev.quarry.retrieval.ChunkStore(matter.db());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            SearchService oneByOne = new SearchService(store, r.queryEmbedder(), r.vectors(), r.keywords());
            SearchService overlapped = new SearchService(store, r.queryEmbedder(), r.vectors(), r.keywords(), pool);
            List<Consumer<String>> variants = List.of(
                    q -> oneByOne.search(q, SearchService.Mode.HYBRID, k, SearchFilter.NONE),
                    q -> overlapped.search(q, SearchService.Mode.HYBRID, k, SearchFilter.NONE));
            interleave(warmup, variants);
            List<List<Long>> t = interleave(queries, variants);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hybrid_one_after_the_other", stats(t.get(0), null));
            out.put("hybrid_overlapped", stats(t.get(1), null));
            putRatios(out, "overlapped", t.get(1), t.get(0));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs every query through each variant once, rotating which goes first so that a noisy machine hurts
     * them alike; returns each variant's wall times.
     */
    static List<List<Long>> interleave(List<String> queries, List<Consumer<String>> variants) {
        int n = variants.size();
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        for (int qi = 0; qi < queries.size(); qi++) {
            for (int j = 0; j < n; j++) {
                int v = (qi + j) % n;
                long s = System.nanoTime();
                variants.get(v).accept(queries.get(qi));
                out.get(v).add(System.nanoTime() - s);
            }
        }
        return out;
    }

    private static void putRatios(Map<String, Object> out, String name, List<Long> times, List<Long> baseline) {
        out.put(name + "_p50_ratio", Math.round(pct(times, 50) / pct(baseline, 50) * 100) / 100.0);
        out.put(name + "_p95_ratio", Math.round(pct(times, 95) / pct(baseline, 95) * 100) / 100.0);
    }

    /**
     * Recall@k of dense search (graph candidates, exact re-rank) against an exact scan of every stored
     * vector, held in memory for the scan (1.5 GB at a million chunks: give the JVM the heap). "by text"
     * counts a hit whose chunk text equals that of an exact top-k chunk: copies of the same passage are
     * interchangeable to a reader, and a grown matter is full of them.
     */
    static Map<String, Object> recall(Matter matter, Retrieval r, List<String> queries, int count, int k) {
        List<Long> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        new dev.quarry.retrieval.EmbeddingRepository(matter.db()).forEach(r.embedder().modelId(), 0, v -> {
            ids.add(v.chunkId());
            vectors.add(v.vector());
        });
        dev.quarry.retrieval.ChunkStore store = new dev.quarry.retrieval.ChunkStore(matter.db());
        int n = Math.min(count, queries.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queries", n);
        out.put("vectors", ids.size());
        // The queries' vectors and exact top k do not depend on ef: computed once, then compared at each ef.
        List<float[]> qs = new ArrayList<>(n);
        List<List<Long>> exacts = new ArrayList<>(n);
        long scan = 0;
        for (int i = 0; i < n; i++) {
            float[] q = r.queryEmbedder().embedQuery(queries.get(i));
            qs.add(q);
            long s0 = System.nanoTime();
            exacts.add(exactTop(q, ids, vectors, k));
            scan += System.nanoTime() - s0;
        }
        out.put("exact_scan_mean_ms", ms(scan / Math.max(1, n)));
        for (int ef : new int[] {200, 800}) {
            r.vectors().setEf(ef);
            double byId = 0, byText = 0;
            for (int i = 0; i < n; i++) {
                List<Long> exact = exacts.get(i);
                List<Long> got = r.vectors().search(qs.get(i), k).stream().map(dev.quarry.retrieval.VectorIndex.Hit::chunkId).toList();
                Map<Long, dev.quarry.retrieval.ChunkStore.ChunkView> views = store.views(
                        java.util.stream.Stream.concat(got.stream(), exact.stream()).distinct().toList());
                java.util.Set<String> exactTexts = new java.util.HashSet<>();
                for (long id : exact) if (views.containsKey(id)) exactTexts.add(views.get(id).text());
                int hitId = 0, hitText = 0;
                for (long id : got) {
                    if (exact.contains(id)) hitId++;
                    if (views.containsKey(id) && exactTexts.contains(views.get(id).text())) hitText++;
                }
                byId += exact.isEmpty() ? 1 : (double) hitId / exact.size();
                byText += exact.isEmpty() ? 1 : Math.min(1.0, (double) hitText / exact.size());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recall_at_k", Math.round(byId / n * 1000) / 1000.0);
            m.put("recall_at_k_by_text", Math.round(byText / n * 1000) / 1000.0);
            out.put("ef_" + ef, m);
        }
        r.vectors().setEf(200);
        return out;
    }

    private static List<Long> exactTop(float[] q, List<Long> ids, List<float[]> vectors, int k) {
        java.util.PriorityQueue<double[]> top = new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(a -> a[0]));
        for (int i = 0; i < vectors.size(); i++) {
            double s = dev.quarry.retrieval.Vectors.dot(q, vectors.get(i));
            if (top.size() < k) top.add(new double[] {s, i});
            else if (s > top.peek()[0]) {
                top.poll();
                top.add(new double[] {s, i});
            }
        }
        List<double[]> sorted = new ArrayList<>(top);
        sorted.sort(java.util.Comparator.comparingDouble((double[] a) -> -a[0]));
        return sorted.stream().map(a -> ids.get((int) a[1])).toList();
    }

    private static Map<String, Object> stats(List<Long> wall, List<Long> cpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50_ms", pct(wall, 50));
        m.put("p95_ms", pct(wall, 95));
        m.put("max_ms", pct(wall, 100));
        m.put("mean_ms", ms((long) wall.stream().mapToLong(Long::longValue).average().orElse(0)));
        // The calling thread's CPU only: ONNX Runtime's own worker threads are not counted.
        if (cpu != null) m.put("calling_thread_cpu_p50_ms", pct(cpu, 50));
        return m;
    }

    static double pct(List<Long> nanos, int p) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        int i = Math.max(0, Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
        return ms(s.get(i));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1e5) / 10.0;
    }

    public static double heapUsedMb() {
        return mb(heapUsed());
    }

    static long heapUsed() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
