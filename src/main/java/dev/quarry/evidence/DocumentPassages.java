package dev.quarry.evidence;

import dev.quarry.documents.ChunkRecord;
import java.util.List;
import java.util.Map;

/**
 * One document as the engine reads it: its chunks in order, each with its stored embedding (or one made
 * now when the chunk was never embedded; nothing is stored), and the Bates number of each chunk's page.
 */
record DocumentPassages(long documentId, List<ChunkRecord> chunks, float[][] vectors, Map<Long, String> bates,
                        List<String> normalised) {

    DocumentPassages(long documentId, List<ChunkRecord> chunks, float[][] vectors, Map<Long, String> bates) {
        this(documentId, chunks, vectors, bates, chunks.stream().map(c -> QuoteCheck.normalise(c.text())).toList());
    }

    int size() {
        return chunks.size();
    }

    ChunkRecord chunk(int i) {
        return chunks.get(i);
    }

    int indexOf(long chunkId) {
        for (int i = 0; i < chunks.size(); i++) if (chunks.get(i).id() == chunkId) return i;
        return -1;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static float[] unit(float[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n == 0) return v;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
        return out;
    }
}
