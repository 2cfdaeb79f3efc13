package dev.quarry.core;

import java.util.List;

/**
 * Counts tokens the way the matter's embedding model will see them (no special tokens). The real
 * implementation wraps the model's HuggingFace tokenizer; chunking depends only on this interface.
 */
public interface TokenCounter {
    int count(String text);

    default int[] countAll(List<String> texts) {
        int[] out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) out[i] = count(texts.get(i));
        return out;
    }
}
