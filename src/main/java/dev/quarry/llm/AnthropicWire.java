package dev.quarry.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.core.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Anthropic's Messages API (version 2023-06-01), plain and streamed. */
final class AnthropicWire implements WireFormat {
    static final String VERSION = "2023-06-01";

    @Override
    public URI endpoint(String baseUrl) {
        String b = baseUrl.replaceAll("/+$", "");
        return WireFormat.join(b, b.endsWith("/v1") ? "/messages" : "/v1/messages");
    }

    @Override
    public Map<String, String> headers(LlmConfig config) {
        Map<String, String> h = new LinkedHashMap<>();
        if (config.apiKey() != null) h.put("x-api-key", config.apiKey());
        h.put("anthropic-version", VERSION);
        return h;
    }

    @Override
    public String body(LlmRequest r, String model, boolean stream) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", model);
        o.put("max_tokens", r.maxTokens());
        if (!r.system().isEmpty()) o.put("system", r.system());
        o.putArray("messages").addObject().put("role", "user").put("content", r.user());
        o.put("temperature", r.temperature());
        if (stream) o.put("stream", true);
        return Json.write(o);
    }

    @Override
    public Reply parse(JsonNode reply) {
        JsonNode content = reply.path("content");
        if (!content.isArray()) throw WireFormat.bad("no content array in reply");
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) sb.append(block.path("text").asText());
        }
        JsonNode usage = reply.path("usage");
        return new Reply(sb.toString(), WireFormat.text(reply.path("model")),
                WireFormat.intOrNull(usage.get("input_tokens")), WireFormat.intOrNull(usage.get("output_tokens")));
    }

    @Override
    public StreamParser streamParser() {
        return new StreamParser() {
            boolean stopped;
            Integer in;
            Integer out;
            String model;

            @Override
            public String onEvent(String event, JsonNode data) {
                String type = event != null ? event : data.path("type").asText();
                switch (type) {
                    case "message_start" -> {
                        JsonNode m = data.path("message");
                        model = WireFormat.text(m.get("model"));
                        in = WireFormat.intOrNull(m.path("usage").get("input_tokens"));
                        out = WireFormat.intOrNull(m.path("usage").get("output_tokens"));
                        return null;
                    }
                    case "content_block_delta" -> {
                        JsonNode d = data.path("delta");
                        return "text_delta".equals(d.path("type").asText()) ? d.path("text").asText() : null;
                    }
                    case "message_delta" -> {
                        Integer o = WireFormat.intOrNull(data.path("usage").get("output_tokens"));
                        if (o != null) out = o;
                        return null;
                    }
                    case "message_stop" -> {
                        stopped = true;
                        return null;
                    }
                    case "error" -> {
                        String et = data.path("error").path("type").asText();
                        LlmFailure f = et.contains("rate_limit") ? LlmFailure.RATE_LIMITED
                                : et.contains("authentication") || et.contains("permission") ? LlmFailure.AUTH
                                : LlmFailure.SERVER;
                        throw new LlmException(f, null, "error event: " + et, null, 0);
                    }
                    default -> {
                        return null;
                    }
                }
            }

            @Override
            public boolean finished() { return stopped; }

            @Override
            public Integer inputTokens() { return in; }

            @Override
            public Integer outputTokens() { return out; }

            @Override
            public String model() { return model; }
        };
    }
}
