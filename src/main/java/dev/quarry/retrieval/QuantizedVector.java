package dev.quarry.retrieval;

import com.github.jelmerk.knn.DistanceFunction;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * A unit vector kept in 8 bits per dimension (plus one scale) inside the HNSW graph: 384 bytes instead
 * of 1,536, so a million chunks fit in the heap. The graph only finds candidates; they are re-ranked
 * with the exact floats stored in the database.
 */
public final class QuantizedVector implements Item<Long, QuantizedVector> {
    private static final long serialVersionUID = 1L;

    private final long key;
    private final byte[] values;
    private final float scale;

    private QuantizedVector(long key, byte[] values, float scale) {
        this.key = key;
        this.values = values;
        this.scale = scale;
    }

    /** Symmetric per-vector scaling: the largest component maps to ±127. */
    public static QuantizedVector of(long key, float[] v) {
        float max = 0;
        for (float x : v) max = Math.max(max, Math.abs(x));
        float scale = max == 0 ? 1f : max / 127f;
        byte[] q = new byte[v.length];
        for (int i = 0; i < v.length; i++) q[i] = (byte) Math.round(v[i] / scale);
        return new QuantizedVector(key, q, scale);
    }

    @Override
    public Long id() {
        return key;
    }

    public long key() {
        return key;
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

    /**
     * Writes a graph item as its chunk id, scale and bytes. hnswlib's default is Java object serialization
     * per item, which took 39 s to load a graph of 1,000,000 chunks.
     */
    public static final class Serializer implements ObjectSerializer<QuantizedVector> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(QuantizedVector v, ObjectOutput out) throws IOException {
            out.writeLong(v.key);
            out.writeFloat(v.scale);
            out.writeShort(v.values.length);
            out.write(v.values);
        }

        @Override
        public QuantizedVector read(ObjectInput in) throws IOException {
            long id = in.readLong();
            float scale = in.readFloat();
            byte[] values = new byte[in.readUnsignedShort()];
            in.readFully(values);
            return new QuantizedVector(id, values, scale);
        }
    }

    /** Graph item ids (chunk ids) as plain longs. */
    public static final class IdSerializer implements ObjectSerializer<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(Long id, ObjectOutput out) throws IOException {
            out.writeLong(id);
        }

        @Override
        public Long read(ObjectInput in) throws IOException {
            return in.readLong();
        }
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
