package dev.quarry.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One provider's request and reply format: the JSON body, the headers, the reply and its streamed events. */
interface WireFormat {
    /** The endpoint for this base URL (a query string such as Azure's api-version is kept). */
    java.net.URI endpoint(String baseUrl);

    Map<String, String> headers(LlmConfig config);

    String body(LlmRequest request, String model, boolean stream);

    /** The text and usage of a non-streamed reply; throws {@link LlmException} (bad_response) when it is not one. */
    Reply parse(JsonNode reply);

    /** A fresh parser for one streamed reply. */
    StreamParser streamParser();

    record Reply(String text, String model, Integer inputTokens, Integer outputTokens) {}

    interface StreamParser {
        /** One server-sent event; returns text to pass on, or null. Throws LlmException for an error event. */
        String onEvent(String event, JsonNode data);

        /** Called for "data: [DONE]" (OpenAI's end marker). */
        default void onDone() {}

        boolean finished();

        Integer inputTokens();

        Integer outputTokens();

        String model();
    }

    static java.net.URI join(String baseUrl, String path) {
        String base = baseUrl;
        String query = "";
        int q = base.indexOf('?');
        if (q >= 0) {
            query = base.substring(q);
            base = base.substring(0, q);
        }
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return java.net.URI.create(base + path + query);
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    static Integer intOrNull(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asInt();
    }

    static LlmException bad(String detail) {
        return new LlmException(LlmFailure.BAD_RESPONSE, detail);
    }
}
