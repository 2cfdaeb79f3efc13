package dev.quarry.llm;

import dev.quarry.core.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * Which model a matter talks to. Provider, base URL and model name are not secret and live in the matter's
 * settings ({@code llm.provider}, {@code llm.base_url}, {@code llm.model}); the QUARRY_LLM_* environment
 * variables override them. The key never lives in settings: see {@link ApiKeys}.
 */
public final class LlmSettings {
    public static final String PROVIDER = "llm.provider";
    public static final String BASE_URL = "llm.base_url";
    public static final String MODEL = "llm.model";

    private LlmSettings() {}

    public static Optional<LlmConfig> resolve(Settings settings, Map<String, String> env, ApiKeys keys) {
        Optional<LlmConfig> fromEnv = LlmConfig.fromEnv(env);
        if (fromEnv.isPresent()) return fromEnv;
        Optional<String> model = settings.find(MODEL).filter(s -> !s.isBlank());
        if (model.isEmpty()) return Optional.empty();
        LlmProvider provider = LlmProvider.of(settings.find(PROVIDER).orElse("openai"));
        return Optional.of(new LlmConfig(provider, settings.find(BASE_URL).orElse(null), model.get(),
                keys.find(provider, env).orElse(null)));
    }
}
