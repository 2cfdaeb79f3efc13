package dev.quarry.retrieval;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The vector index on synthetic vectors: build rate, heap per item, save/load time, recall@10 against an
 * exact float scan, and search latency. The vectors are clustered (2,000 centres plus noise, cosine to the
 * centre ~0.75) so that the graph sees neighbourhoods like those of real embeddings; uniform random
 * vectors in 384 dimensions have none and would understate recall.
 */
public final class VectorIndexBench {
    private VectorIndexBench() {}

    static float[][] clustered(int n, long seed) {
        Random r = new Random(seed);
        int centres = 2000;
        float[][] c = new float[centres][];
        for (int i = 0; i < centres; i++) c[i] = gaussian(r, 1.0);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] base = c[r.nextInt(centres)];
            float[] noise = gaussian(r, 0.9);
            float[] v = new float[384];
            for (int d = 0; d < 384; d++) v[d] = base[d] + noise[d];
            out[i] = Vectors.normalize(v);
        }
        return out;
    }

    static float[] gaussian(Random r, double sigma) {
        float[] v = new float[384];
        for (int d = 0; d < 384; d++) v[d] = (float) (r.nextGaussian() * sigma);
        return v;
    }

    static long heapUsed() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static Map<String, Object> run(int n, int queries, int ef, int threads, Path tmp) {
        Map<String, Object> out = new LinkedHashMap<>();
        // Queries come from the same clusters as the data (drawn together, then split off).
        float[][] all = clustered(n + queries, 1);
        float[][] data = Arrays.copyOfRange(all, 0, n);
        float[][] qs = Arrays.copyOfRange(all, n, n + queries);
        all = null;
        List<QuantizedVector> items = new ArrayList<>(n);
        long before = heapUsed();
        for (int i = 0; i < n; i++) items.add(QuantizedVector.of(i + 1, data[i]));
        VectorIndex idx = VectorIndex.inMemory(tmp, threads);
        long t0 = System.nanoTime();
        idx.add(items);
        double buildS = (System.nanoTime() - t0) / 1e9;
        items = null;
        long after = heapUsed();
        out.put("vectors", "synthetic, clustered (2000 centres), 384-d, unit length");
        out.put("items", n);
        out.put("build_threads", threads);
        out.put("build_seconds", round(buildS));
        out.put("build_items_per_s", round(n / buildS));
        double perItem = (after - before) / (double) n;
        out.put("heap_bytes_per_item", Math.round(perItem));
        out.put("heap_mb_extrapolated_1m", Math.round(perItem * 1_000_000 / 1e6));
        try {
            long s0 = System.nanoTime();
            idx.save();
            double saveS = (System.nanoTime() - s0) / 1e9;
            long l0 = System.nanoTime();
            VectorIndex.loadInMemory(tmp);
            double loadS = (System.nanoTime() - l0) / 1e9;
            out.put("save_seconds", round(saveS));
            out.put("load_seconds", round(loadS));
            out.put("file_mb", round(Files.size(tmp.resolve("vectors-bench.hnsw")) / 1e6));
        } catch (IOException e) {
            throw new QuarryException("The benchmark index could not be saved or loaded.", e);
        }
        idx.setEf(ef);
        double recallGraph = 0, recallReranked = 0;
        long[] graphNs = new long[queries], exactNs = new long[queries];
        for (int q = 0; q < queries; q++) {
            long e0 = System.nanoTime();
            Set<Long> truth = exactTop(data, qs[q], 10);
            exactNs[q] = System.nanoTime() - e0;
            long g0 = System.nanoTime();
            List<VectorIndex.Hit> cands = new ArrayList<>();
            for (VectorIndex.Node node : idx.candidates(qs[q], 64)) cands.add(new VectorIndex.Hit(node.textKey(), node.score()));
            List<VectorIndex.Hit> reranked = new ArrayList<>();
            for (VectorIndex.Hit h : cands) reranked.add(new VectorIndex.Hit(h.chunkId(), Vectors.dot(qs[q], data[(int) h.chunkId() - 1])));
            reranked.sort((a, b) -> Double.compare(b.score(), a.score()));
            graphNs[q] = System.nanoTime() - g0;
            recallGraph += overlap(truth, cands.subList(0, Math.min(10, cands.size())));
            recallReranked += overlap(truth, reranked.subList(0, Math.min(10, reranked.size())));
        }
        out.put("ef", ef);
        out.put("queries", queries);
        out.put("recall_at_10_graph_8bit", round(recallGraph / queries));
        out.put("recall_at_10_after_exact_rerank_of_64", round(recallReranked / queries));
        Arrays.sort(graphNs);
        Arrays.sort(exactNs);
        out.put("search_ms_p50", round(graphNs[queries / 2] / 1e6));
        out.put("search_ms_p95", round(graphNs[(int) (queries * 0.95) - 1] / 1e6));
        out.put("exact_scan_ms_p50", round(exactNs[queries / 2] / 1e6));
        return out;
    }

    static Set<Long> exactTop(float[][] data, float[] q, int k) {
        long[] ids = new long[k];
        double[] best = new double[k];
        Arrays.fill(best, -2);
        for (int i = 0; i < data.length; i++) {
            double s = Vectors.dot(q, data[i]);
            if (s <= best[k - 1]) continue;
            int j = k - 1;
            while (j > 0 && best[j - 1] < s) {
                best[j] = best[j - 1];
                ids[j] = ids[j - 1];
                j--;
            }
            best[j] = s;
            ids[j] = i + 1;
        }
        Set<Long> out = new HashSet<>();
        for (long id : ids) out.add(id);
        return out;
    }

    static double overlap(Set<Long> truth, List<VectorIndex.Hit> got) {
        int n = 0;
        for (VectorIndex.Hit h : got) if (truth.contains(h.chunkId())) n++;
        return n / (double) truth.size();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
