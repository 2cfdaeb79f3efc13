package dev.quarry.testing;

import dev.quarry.core.TokenCounter;

/** A deterministic stand-in tokenizer (one token per whitespace-separated word) for tests about something else. */
public final class WordTokenCounter implements TokenCounter {
    @Override
    public int count(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
