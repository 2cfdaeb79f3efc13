package dev.quarry.retrieval;

import com.github.jelmerk.knn.DistanceFunction;
import com.github.jelmerk.knn.Item;

/**
 * A unit vector kept in 8 bits per dimension (plus one scale) inside the HNSW graph: 384 bytes instead
 * of 1,536, so a million chunks fit in the heap. The graph only finds candidates; they are re-ranked
 * with the exact floats stored in the database.
 */
public final class QuantizedVector implements Item<Long, QuantizedVector> {
    private static final long serialVersionUID = 1L;

    private final long chunkId;
    private final byte[] values;
    private final float scale;

    private QuantizedVector(long chunkId, byte[] values, float scale) {
        this.chunkId = chunkId;
        this.values = values;
        this.scale = scale;
    }

    /** Symmetric per-vector scaling: the largest component maps to ±127. */
    public static QuantizedVector of(long chunkId, float[] v) {
        float max = 0;
        for (float x : v) max = Math.max(max, Math.abs(x));
        float scale = max == 0 ? 1f : max / 127f;
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) q[i] = (byte) Math.round(v[i] / scale);
        return new QuantizedVector(chunkId, q, scale);
    }

    @Override
    public Long id() {
        return chunkId;
    }

    public long chunkId() {
        return chunkId;
    }

    @Override
    public QuantizedVector vector() {
        return this;
    }

    @Override
    public int dimensions() {
        return values.length;
    }

    /** Approximate inner product with another quantised vector. */
    public float dot(QuantizedVector o) {
        byte[] a = values, b = o.values;
        int s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s * scale * o.scale;
    }

    /** Inner-product distance (1 − dot) for normalised vectors, the way hnswlib wants it: smaller is nearer. */
    public static final class InnerProduct implements DistanceFunction<QuantizedVector, Float> {
        private static final long serialVersionUID = 1L;

        @Override
        public Float distance(QuantizedVector u, QuantizedVector v) {
            return 1f - u.dot(v);
        }
    }
}
