package dev.quarry.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local stand-in for an OpenAI-compatible or Anthropic endpoint on 127.0.0.1 that speaks each one's real
 * wire format (JSON and server-sent events) and misbehaves when told to. It records every request it
 * receives, so tests can assert what left the "machine" (or that nothing did).
 */
public final class FakeLlmServer implements AutoCloseable {
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }
    }

    /** What to do with one request. */
    public sealed interface Behaviour {}
    /** Answer with text computed from the request body, in whichever format and mode the request asked for. */
    public record Answer(Function<String, String> text) implements Behaviour {}
    public record Status(int code, String body, Map<String, String> headers) implements Behaviour {}
    public record Stall(long millis) implements Behaviour {}
    /** A stream that sends these pieces and then closes without its end event. */
    public record Truncated(List<String> pieces) implements Behaviour {}
    public record InvalidJson() implements Behaviour {}
    /** A stream that starts, then reports an error in the provider's own way (Anthropic: an error event). */
    public record StreamError(String piece, String errorType) implements Behaviour {}
    /** A stream whose second event is not JSON. */
    public record GarbledStream(String piece) implements Behaviour {}
    /** A stream that sends these pieces and then goes silent for {@code millis} without closing. */
    public record StallStream(List<String> pieces, long millis) implements Behaviour {}

    public static Behaviour answer(String text) { return new Answer(b -> text); }
    public static Behaviour answer(Function<String, String> f) { return new Answer(f); }
    public static Behaviour status(int code) { return new Status(code, "{\"error\":{\"message\":\"nope\"}}", Map.of()); }
    public static Behaviour status(int code, Map<String, String> headers) { return new Status(code, "{\"error\":{\"message\":\"slow down\"}}", headers); }
    public static Behaviour stall(long ms) { return new Stall(ms); }
    public static Behaviour truncated(String... pieces) { return new Truncated(List.of(pieces)); }
    public static Behaviour invalidJson() { return new InvalidJson(); }
    public static Behaviour streamError(String piece, String errorType) { return new StreamError(piece, errorType); }
    public static Behaviour garbledStream(String piece) { return new GarbledStream(piece); }
    public static Behaviour stallStream(long ms, String... pieces) { return new StallStream(List.of(pieces), ms); }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedDeque<Behaviour> script = new ConcurrentLinkedDeque<>();
    private volatile Behaviour fallback = answer("OK");
    public final int inputTokens = 42;
    public final int outputTokens = 7;

    public FakeLlmServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String openAiBaseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"; }
    public String anthropicBaseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** The next requests get these behaviours in order; after them, the fallback. */
    public FakeLlmServer then(Behaviour... bs) {
        script.addAll(List.of(bs));
        return this;
    }

    public FakeLlmServer always(Behaviour b) {
        fallback = b;
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
        Behaviour b = script.poll();
        if (b == null) b = fallback;
        boolean anthropic = ex.getRequestURI().getPath().endsWith("/v1/messages");
        JsonNode req;
        try {
            req = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            send(ex, 400, "application/json", "{\"error\":\"bad json\"}");
            return;
        }
        boolean stream = req.path("stream").asBoolean(false);
        try {
            if (b instanceof Status s) {
                    s.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                    // Each provider's own error body: Anthropic {"type":"error","error":{type,message}}, OpenAI {"error":{message}}.
                    String errBody = anthropic ? "{\"type\":\"error\",\"error\":{\"type\":\"" + anthropicErrorType(s.code())
                            + "\",\"message\":" + Json.write(Json.MAPPER.readTree(s.body()).path("error").path("message").asText()) + "}}"
                            : s.body();
                    send(ex, s.code(), "application/json", errBody);
            } else if (b instanceof StreamError e) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    if (anthropic) {
                        sse(out, "message_start", anthropicStart(req));
                        sse(out, "content_block_delta", anthropicDelta(e.piece()));
                        sse(out, "error", "{\"type\":\"error\",\"error\":{\"type\":\"" + e.errorType() + "\",\"message\":\"stream failed\"}}");
                    } else {
                        sse(out, null, openAiDelta(e.piece(), null));
                        sse(out, null, "{\"error\":{\"type\":\"" + e.errorType() + "\",\"message\":\"stream failed\"}}");
                    }
                }
            } else if (b instanceof GarbledStream g) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    if (anthropic) sse(out, "message_start", anthropicStart(req));
                    sse(out, anthropic ? "content_block_delta" : null, anthropic ? anthropicDelta(g.piece()) : openAiDelta(g.piece(), null));
                    sse(out, anthropic ? "content_block_delta" : null, "{\"choices\": [ oops");
                }
            } else if (b instanceof Stall s) {
                    Thread.sleep(s.millis());
                    send(ex, 200, "application/json", "{}");
            } else if (b instanceof InvalidJson) {
                send(ex, 200, "application/json", "{\"choices\": [ {\"message\": oops");
            } else if (b instanceof Truncated t) {
                    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        if (anthropic) sse(out, "message_start", anthropicStart(req));
                        for (String p : t.pieces()) sse(out, anthropic ? "content_block_delta" : null, anthropic ? anthropicDelta(p) : openAiDelta(p, null));
                    }
            } else if (b instanceof StallStream t) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (String p : t.pieces()) sse(out, null, openAiDelta(p, null));
                Thread.sleep(t.millis());
                out.close();
            } else if (b instanceof Answer a) {
                    String text = a.text().apply(body);
                    if (!stream) {
                        send(ex, 200, "application/json", anthropic ? anthropicReply(req, text) : openAiReply(req, text));
                    } else {
                        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                        ex.sendResponseHeaders(200, 0);
                        try (OutputStream out = ex.getResponseBody()) {
                            List<String> pieces = split(text);
                            if (anthropic) {
                                sse(out, "message_start", anthropicStart(req));
                                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                                for (String p : pieces) sse(out, "content_block_delta", anthropicDelta(p));
                                sse(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":" + outputTokens + "}}");
                                sse(out, "message_stop", "{\"type\":\"message_stop\"}");
                            } else {
                                for (String p : pieces) sse(out, null, openAiDelta(p, null));
                                sse(out, null, openAiDelta(null, "stop"));
                                sse(out, null, "{\"id\":\"x\",\"model\":\"" + req.path("model").asText() + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
                                        + inputTokens + ",\"completion_tokens\":" + outputTokens + "}}");
                                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout tests): nothing to do
        } finally {
            ex.close();
        }
    }

    private static String anthropicErrorType(int code) {
        return switch (code) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> code >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 7) out.add(text.substring(i, Math.min(text.length(), i + 7)));
        return out;
    }

    private static void sse(OutputStream out, String event, String data) throws IOException {
        String s = (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String openAiReply(JsonNode req, String text) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", req.path("model").asText());
        ObjectNode c = o.putArray("choices").addObject();
        c.put("index", 0).put("finish_reason", "stop");
        c.putObject("message").put("role", "assistant").put("content", text);
        o.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens);
        return Json.write(o);
    }

    private static String openAiDelta(String piece, String finish) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", "chatcmpl-1").put("object", "chat.completion.chunk");
        ObjectNode c = o.putArray("choices").addObject();
        c.put("index", 0);
        ObjectNode d = c.putObject("delta");
        if (piece != null) d.put("content", piece);
        if (finish == null) c.putNull("finish_reason"); else c.put("finish_reason", finish);
        return Json.write(o);
    }

    private String anthropicReply(JsonNode req, String text) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", "msg_1").put("type", "message").put("role", "assistant").put("model", req.path("model").asText());
        o.putArray("content").addObject().put("type", "text").put("text", text);
        o.put("stop_reason", "end_turn");
        o.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return Json.write(o);
    }

    private String anthropicStart(JsonNode req) {
        return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                + req.path("model").asText() + "\",\"content\":[],\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}";
    }

    private static String anthropicDelta(String piece) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "content_block_delta").put("index", 0);
        o.putObject("delta").put("type", "text_delta").put("text", piece);
        return Json.write(o);
    }

    private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
