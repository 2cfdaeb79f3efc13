package dev.quarry.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI Chat Completions, which OpenAI, Azure OpenAI, OpenRouter, Ollama, LM Studio, vLLM and llama.cpp all
 * speak. The base URL includes the version segment ({@code https://api.openai.com/v1},
 * {@code http://localhost:11434/v1}); Azure's deployment URL with {@code ?api-version=…} works as is.
 */
final class OpenAiWire implements WireFormat {

    @Override
    public URI endpoint(String baseUrl) {
        return WireFormat.join(baseUrl, "/chat/completions");
    }

    @Override
    public Map<String, String> headers(LlmConfig config) {
        Map<String, String> h = new LinkedHashMap<>();
        if (config.apiKey() != null) {
            // Azure OpenAI takes the key in its own header; everyone else takes a bearer token.
            if (config.host().contains(".azure.com")) h.put("api-key", config.apiKey());
            else h.put("Authorization", "Bearer " + config.apiKey());
        }
        return h;
    }

    @Override
    public String body(LlmRequest r, String model, boolean stream) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", model);
        ArrayNode messages = o.putArray("messages");
        if (!r.system().isEmpty()) messages.addObject().put("role", "system").put("content", r.system());
        messages.addObject().put("role", "user").put("content", r.user());
        o.put("max_tokens", r.maxTokens());
        o.put("temperature", r.temperature());
        o.put("stream", stream);
        if (stream) o.putObject("stream_options").put("include_usage", true);
        return Json.write(o);
    }

    @Override
    public Reply parse(JsonNode reply) {
        JsonNode choices = reply.path("choices");
        if (!choices.isArray() || choices.isEmpty()) throw WireFormat.bad("no choices in reply");
        String text = WireFormat.text(choices.get(0).path("message").path("content"));
        if (text == null) throw WireFormat.bad("no message content in reply");
        JsonNode usage = reply.path("usage");
        return new Reply(text, WireFormat.text(reply.path("model")), WireFormat.intOrNull(usage.get("prompt_tokens")),
                WireFormat.intOrNull(usage.get("completion_tokens")));
    }

    @Override
    public StreamParser streamParser() {
        return new StreamParser() {
            boolean done;
            boolean finishReason;
            Integer in;
            Integer out;
            String model;

            @Override
            public String onEvent(String event, JsonNode data) {
                if (data.has("error")) {
                    throw new LlmException(LlmFailure.SERVER, null,
                            "error event: " + data.path("error").path("message").asText(), null, 0);
                }
                if (model == null) model = WireFormat.text(data.get("model"));
                JsonNode usage = data.path("usage");
                if (usage.isObject()) {
                    in = WireFormat.intOrNull(usage.get("prompt_tokens"));
                    out = WireFormat.intOrNull(usage.get("completion_tokens"));
                }
                JsonNode choices = data.path("choices");
                if (!choices.isArray() || choices.isEmpty()) return null;
                JsonNode c = choices.get(0);
                if (!c.path("finish_reason").isNull() && !c.path("finish_reason").isMissingNode()) finishReason = true;
                return WireFormat.text(c.path("delta").path("content"));
            }

            @Override
            public void onDone() { done = true; }

            // Some servers omit [DONE]; a finish_reason is just as final.
            @Override
            public boolean finished() { return done || finishReason; }

            @Override
            public Integer inputTokens() { return in; }

            @Override
            public Integer outputTokens() { return out; }

            @Override
            public String model() { return model; }
        };
    }
}
