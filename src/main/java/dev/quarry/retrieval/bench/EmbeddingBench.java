package dev.quarry.retrieval.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.quarry.core.QuarryException;
import dev.quarry.retrieval.Embedder;
import dev.quarry.retrieval.ModelManifest;
import java.io.IOException;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embedding throughput of Quarry's whole pipeline (tokenize, DJL, ONNX Runtime, pool, normalise) against a
 * bare ONNX Runtime session fed pre-tokenised input, on the same texts in the same process. The rounds
 * alternate (bare, pipeline, bare, pipeline…) so that a busy machine slows both alike.
 */
public final class EmbeddingBench {
    private EmbeddingBench() {}

    public static Map<String, Object> run(ModelManifest model, List<String> texts, int threads, int rounds) {
        try (Embedder pipeline = new Embedder(model, threads);
             HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder().optTokenizerPath(model.tokenizerPath())
                     .optMaxLength(model.maxTokens()).optTruncation(true).optPadding(false).build();
             OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            try (OrtSession bare = env.createSession(model.onnxPath().toString(), opts)) {
                Encoding[] enc = new Encoding[texts.size()];
                for (int i = 0; i < enc.length; i++) enc[i] = tok.encode(texts.get(i));
                // warm-up both
                bareRun(env, bare, enc[0]);
                pipeline.embedPassage(texts.get(0));
                long bareNs = 0, pipeNs = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    for (Encoding e : enc) bareRun(env, bare, e);
                    long t1 = System.nanoTime();
                    for (String t : texts) pipeline.embedPassage(t);
                    long t2 = System.nanoTime();
                    bareNs += t1 - t0;
                    pipeNs += t2 - t1;
                }
                long tokens = 0;
                for (Encoding e : enc) tokens += e.getIds().length;
                double n = (double) texts.size() * rounds;
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("model", model.id());
                out.put("texts", texts.size());
                out.put("rounds", rounds);
                out.put("mean_tokens", Math.round(tokens / (double) texts.size()));
                out.put("intra_op_threads", threads);
                out.put("bare_ort_chunks_per_s", round(n / (bareNs / 1e9)));
                out.put("pipeline_chunks_per_s", round(n / (pipeNs / 1e9)));
                out.put("pipeline_share_of_bare", round((double) bareNs / pipeNs));
                return out;
            }
        } catch (OrtException | IOException e) {
            throw new QuarryException("The embedding benchmark could not run the model.", e);
        }
    }

    private static float bareRun(OrtEnvironment env, OrtSession s, Encoding e) throws OrtException {
        long[] shape = {1, e.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape);
             OrtSession.Result r = s.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
            float[][][] hidden = (float[][][]) r.get(0).getValue();
            return hidden[0][0][0];
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
