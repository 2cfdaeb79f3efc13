package dev.quarry.deficiency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Near-duplicates by text: the same contract as a PDF and as plain text has different bytes (so a different
 * SHA-256) but nearly the same words. Each text becomes a MinHash signature of its five-word shingles; two
 * texts whose estimated Jaccard similarity reaches {@link #THRESHOLD} are one document. Groups are the
 * connected components of that relation.
 */
public final class NearDuplicates {
    static final int HASHES = 128;
    static final double THRESHOLD = 0.5;
    private static final int SHINGLE = 5;
    private static final long[] SEEDS = new long[HASHES];

    static {
        java.util.SplittableRandom r = new java.util.SplittableRandom(0x5eed_c0ffeeL);
        for (int i = 0; i < HASHES; i++) SEEDS[i] = r.nextLong() | 1;
    }

    private NearDuplicates() {}

    /** The signature of a text; empty texts have none (null). */
    public static long[] signature(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ");
        if (words.length < SHINGLE || words[0].isEmpty()) return null;
        long[] sig = new long[HASHES];
        Arrays.fill(sig, Long.MAX_VALUE);
        for (int i = 0; i + SHINGLE <= words.length; i++) {
            long h = 1125899906842597L;
            for (int k = 0; k < SHINGLE; k++) h = 31 * h + words[i + k].hashCode();
            h = mix(h);
            for (int j = 0; j < HASHES; j++) {
                long v = mix(h * SEEDS[j]);
                if (v < sig[j]) sig[j] = v;
            }
        }
        return sig;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe1a85ec9L;
        return z ^ (z >>> 33);
    }

    /** Estimated Jaccard similarity of two signatures. */
    public static double similarity(long[] a, long[] b) {
        if (a == null || b == null) return 0;
        int same = 0;
        for (int i = 0; i < HASHES; i++) if (a[i] == b[i]) same++;
        return same / (double) HASHES;
    }

    /** Groups of indexes into {@code signatures} that are near-duplicates of each other (every index in one group). */
    public static List<List<Integer>> groups(List<long[]> signatures) {
        int n = signatures.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (similarity(signatures.get(i), signatures.get(j)) >= THRESHOLD) union(parent, i, j);
            }
        }
        java.util.Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        return new ArrayList<>(byRoot.values());
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) p[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
