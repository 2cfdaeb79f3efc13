package dev.quarry.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach one model. The API key lives only in this object's memory: {@link #toString()}
 * hides it, and nothing in Quarry writes it to logs, the matter database, exports or audit events.
 */
public record LlmConfig(LlmProvider provider, String baseUrl, String model, String apiKey,
                        Duration connectTimeout, Duration requestTimeout, Duration maxRetryWait) {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST = Duration.ofSeconds(120);
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(30);

    public LlmConfig {
        if (provider == null) throw new IllegalArgumentException("provider");
        if (model == null || model.isBlank()) {
            throw new dev.quarry.core.QuarryException("No language model name is set (QUARRY_LLM_MODEL).");
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? provider.defaultBaseUrl() : baseUrl.strip();
        try {
            URI u = URI.create(baseUrl);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(baseUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new dev.quarry.core.QuarryException("The language model address \"" + baseUrl + "\" is not an http(s) URL.", e);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST : requestTimeout;
        maxRetryWait = maxRetryWait == null ? DEFAULT_MAX_RETRY_WAIT : maxRetryWait;
    }

    public LlmConfig(LlmProvider provider, String baseUrl, String model, String apiKey) {
        this(provider, baseUrl, model, apiKey, null, null, null);
    }

    public LlmConfig withTimeouts(Duration connect, Duration request, Duration maxRetryWait) {
        return new LlmConfig(provider, baseUrl, model, apiKey, connect, request, maxRetryWait);
    }

    /** Host (and port) only: what the audit log records about the endpoint. */
    public String host() {
        URI u = URI.create(baseUrl);
        return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }

    /**
     * Reads QUARRY_LLM_PROVIDER, QUARRY_LLM_BASE_URL, QUARRY_LLM_MODEL and QUARRY_LLM_API_KEY; empty when no
     * model is configured (then Quarry answers extractively).
     */
    public static java.util.Optional<LlmConfig> fromEnv(Map<String, String> env) {
        String model = env.get("QUARRY_LLM_MODEL");
        String provider = env.get("QUARRY_LLM_PROVIDER");
        if ((model == null || model.isBlank()) && (provider == null || provider.isBlank())) return java.util.Optional.empty();
        return java.util.Optional.of(new LlmConfig(LlmProvider.of(provider == null ? "openai" : provider),
                env.get("QUARRY_LLM_BASE_URL"), model, env.get("QUARRY_LLM_API_KEY")));
    }

    @Override
    public String toString() {
        return "LlmConfig[" + provider.id() + " " + baseUrl + " model=" + model + " key=" + (apiKey == null ? "none" : "***") + "]";
    }
}
