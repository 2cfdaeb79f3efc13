package dev.quarry.retrieval;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into unit-length vectors with the matter's ONNX model, on the laptop, offline.
 *
 * <p>Every text is run on its own (batch size 1). The int8 model quantises activations with a scale
 * taken from the whole padded batch, so a passage embedded inside a batch drifts (cosine ~0.99) with
 * its neighbours; alone, its vector depends only on its text. On 2 cores batch size 1 is also the
 * fastest (docs/BENCHMARKS.md), so this costs nothing.
 *
 * <p>Not thread-safe: one embedder per thread (ONNX Runtime already uses {@code threads} cores).
 */
public final class Embedder implements AutoCloseable {
    private final ModelManifest manifest;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final boolean clsPooling;

    public Embedder(ModelManifest manifest, int threads) {
        manifest.verify();
        Djl.configure();
        this.manifest = manifest;
        this.clsPooling = "cls".equalsIgnoreCase(manifest.pooling());
        try {
            // Explicit lengths: MiniLM's tokenizer.json would otherwise truncate and pad at 128.
            this.tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(manifest.tokenizerPath())
                    .optAddSpecialTokens(true)
                    .optMaxLength(manifest.maxTokens())
                    .optTruncation(true)
                    .optPadding(false)
                    .build();
            Criteria<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(manifest.onnxPath())
                    .optEngine("OnnxRuntime")
                    .optTranslator(new NoopTranslator())
                    .optOption("intraOpNumThreads", Integer.toString(Math.max(1, threads)))
                    .optOption("interOpNumThreads", "1")
                    .build();
            this.model = criteria.loadModel();
            this.predictor = model.newPredictor();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new QuarryException("The embedding model " + manifest.id() + " could not be loaded.", e);
        }
    }

    /** Intra-op threads: {@code QUARRY_EMBED_THREADS}, else all cores. */
    public static int defaultThreads() {
        String env = System.getenv("QUARRY_EMBED_THREADS");
        if (env != null && env.matches("\\d+")) return Math.max(1, Integer.parseInt(env));
        return Runtime.getRuntime().availableProcessors();
    }

    public String modelId() {
        return manifest.id();
    }

    public int dimensions() {
        return manifest.dimensions();
    }

    /** A passage (a chunk): embedded as is. */
    public float[] embedPassage(String text) {
        return embed(text);
    }

    /** A search query: BGE wants its instruction in front of queries, never in front of passages. */
    public float[] embedQuery(String text) {
        String instruction = manifest.queryInstruction();
        return embed(instruction == null || instruction.isEmpty() ? text : instruction + text);
    }

    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(embed(t));
        return out;
    }

    /** The tokenizer's encoding of a passage exactly as the model sees it (benchmarks feed it to a bare session). */
    Encoding encode(String text) {
        return tokenizer.encode(text);
    }

    private float[] embed(String text) {
        Encoding enc = tokenizer.encode(text);
        long[] ids = enc.getIds();
        long[] mask = enc.getAttentionMask();
        try (NDManager nd = model.getNDManager().newSubManager()) {
            Shape shape = new Shape(1, ids.length);
            NDArray inputIds = nd.create(ids, shape);
            inputIds.setName("input_ids");
            NDArray attention = nd.create(mask, shape);
            attention.setName("attention_mask");
            NDArray types = nd.create(enc.getTypeIds(), shape);
            types.setName("token_type_ids");
            NDList out = predictor.predict(new NDList(inputIds, attention, types));
            float[] hidden = out.get(0).toFloatArray();
            return pool(hidden, mask, manifest.dimensions(), clsPooling);
        } catch (TranslateException e) {
            throw new QuarryException("The embedding model failed on a passage.", e);
        }
    }

    /** CLS (first token) or attention-masked mean over a [1, T, dims] output, then L2 normalisation. */
    static float[] pool(float[] hidden, long[] mask, int dims, boolean cls) {
        float[] v = new float[dims];
        if (cls) {
            System.arraycopy(hidden, 0, v, 0, dims);
        } else {
            int n = 0;
            for (int t = 0; t < mask.length; t++) {
                if (mask[t] == 0) continue;
                n++;
                for (int d = 0; d < dims; d++) v[d] += hidden[t * dims + d];
            }
            for (int d = 0; d < dims; d++) v[d] /= Math.max(1, n);
        }
        return Vectors.normalize(v);
    }

    @Override
    public void close() {
        try {
            predictor.close();
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
