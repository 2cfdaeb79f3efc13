package dev.quarry.retrieval;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.quarry.core.QuarryException;
import dev.quarry.core.TokenCounter;
import java.io.IOException;
import java.util.List;

/**
 * Counts tokens with the model's own HuggingFace tokenizer (DJL's Rust binding), without special
 * tokens and without truncation, so chunk sizes are real model tokens.
 */
public final class HfTokenCounter implements TokenCounter, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    public HfTokenCounter(ModelManifest model) {
        Djl.configure();
        try {
            this.tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(model.tokenizerPath())
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new QuarryException("The tokenizer of model " + model.id() + " could not be loaded.", e);
        }
    }

    @Override
    public int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public int[] countAll(List<String> texts) {
        if (texts.isEmpty()) return new int[0];
        Encoding[] enc = tokenizer.batchEncode(texts, false, false);
        int[] out = new int[enc.length];
        for (int i = 0; i < enc.length; i++) out[i] = enc[i].getIds().length;
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
