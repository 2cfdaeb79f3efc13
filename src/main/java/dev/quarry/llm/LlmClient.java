package dev.quarry.llm;

import java.util.function.Consumer;

/** Quarry's own small interface to a language model; features depend on this, never on a provider. */
public interface LlmClient {
    /** The whole answer at once. */
    LlmResponse complete(LlmRequest request);

    /** Streams the answer: {@code onToken} receives text pieces as they arrive; the result holds the whole text. */
    LlmResponse stream(LlmRequest request, Consumer<String> onToken);
}
