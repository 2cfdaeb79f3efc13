package dev.quarry.llm;

import java.util.Locale;

/** The two wire formats Quarry speaks. OpenAI-compatible covers OpenAI, Azure, OpenRouter, Ollama, LM Studio, vLLM and llama.cpp. */
public enum LlmProvider {
    OPENAI("openai", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "https://api.anthropic.com");

    private final String id;
    private final String defaultBaseUrl;

    LlmProvider(String id, String defaultBaseUrl) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String id() { return id; }
    public String defaultBaseUrl() { return defaultBaseUrl; }

    public static LlmProvider of(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "openai", "openai-compatible", "azure", "openrouter", "ollama", "lmstudio", "vllm", "llamacpp" -> OPENAI;
            case "anthropic", "claude" -> ANTHROPIC;
            default -> throw new dev.quarry.core.QuarryException(
                    "Unknown language model provider \"" + s + "\"; use openai (any OpenAI-compatible server) or anthropic.");
        };
    }
}
