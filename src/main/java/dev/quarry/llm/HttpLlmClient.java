package dev.quarry.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network half of the gateway: JDK HttpClient, one provider's wire format, timeouts, at most one retry
 * (honouring Retry-After), and every failure classified. Package-private on purpose: features reach it
 * only through {@link LlmGateway}, which applies the egress policy first.
 */
final class HttpLlmClient {
    private static final Logger log = LoggerFactory.getLogger(HttpLlmClient.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-stream-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final LlmConfig config;
    private final WireFormat wire;
    private final HttpClient http;

    HttpLlmClient(LlmConfig config) {
        this.config = config;
        this.wire = config.provider() == LlmProvider.ANTHROPIC ? new AnthropicWire() : new OpenAiWire();
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    LlmConfig config() { return config; }

    /** One call with at most one retry; {@code onToken} null means a plain (non-streamed) request. */
    LlmResponse call(LlmRequest request, Consumer<String> onToken) {
        String body = wire.body(request, config.model(), onToken != null);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        Counters counters = new Counters();
        for (int attempt = 0; ; attempt++) {
            try {
                WireFormat.Reply reply = onToken == null ? once(bytes, counters) : onceStreamed(bytes, counters, onToken);
                boolean estimated = reply.inputTokens() == null || reply.outputTokens() == null;
                int in = reply.inputTokens() != null ? reply.inputTokens() : estimateTokens(request.system() + request.user());
                int out = reply.outputTokens() != null ? reply.outputTokens() : estimateTokens(reply.text());
                return new LlmResponse(reply.text(), config.provider().id(),
                        reply.model() == null ? config.model() : reply.model(), in, out, estimated, attempt,
                        counters.sent, counters.received, (System.nanoTime() - started) / 1_000_000, 0);
            } catch (Attempt a) {
                LlmException e = a.failure;
                boolean canRetry = attempt == 0 && e.failure().retryable() && !counters.emitted
                        && (a.retryAfter == null || a.retryAfter.compareTo(config.maxRetryWait()) <= 0);
                log.info("LLM call to {} failed ({}), attempt {}{}", config.host(), e.failure().code(), attempt + 1,
                        canRetry ? ", retrying" : "");
                if (!canRetry) throw new CallFailed(scrub(e.withRetries(attempt)), counters, started);
                sleep(a.retryAfter != null ? a.retryAfter : Duration.ofMillis(500));
            }
        }
    }

    private WireFormat.Reply once(byte[] body, Counters counters) throws Attempt {
        HttpResponse<byte[]> resp = send(body, counters, HttpResponse.BodyHandlers.ofByteArray());
        counters.received += resp.body().length;
        failOnStatus(resp.statusCode(), resp.headers(), new String(resp.body(), StandardCharsets.UTF_8));
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(resp.body());
        } catch (IOException e) {
            throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE, null, "reply is not JSON: " + e.getMessage(), e, 0), null);
        }
        if (json == null || !json.isObject()) throw new Attempt(WireFormat.bad("reply is not a JSON object"), null);
        try {
            return wire.parse(json);
        } catch (LlmException e) {
            throw new Attempt(e, null);
        }
    }

    private WireFormat.Reply onceStreamed(byte[] body, Counters counters, Consumer<String> onToken) throws Attempt {
        HttpResponse<InputStream> resp = send(body, counters, HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = resp.body();
        if (resp.statusCode() / 100 != 2) {
            String text;
            try (in) {
                byte[] b = in.readNBytes(64 * 1024);
                counters.received += b.length;
                text = new String(b, StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            failOnStatus(resp.statusCode(), resp.headers(), text);
        }
        // HttpClient's request timeout stops at the headers; a stalled stream is cut by this idle watchdog.
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean timedOut = new AtomicBoolean();
        long idleNanos = config.requestTimeout().toNanos();
        ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastRead.get() > idleNanos && timedOut.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is how we interrupt the blocked read; a failure here changes nothing
                }
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        WireFormat.StreamParser parser = wire.streamParser();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                lastRead.set(System.nanoTime());
                counters.received += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (line.isEmpty()) {
                    if (data.length() > 0) dispatch(parser, event, data.toString(), text, onToken, counters);
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    continue; // SSE comment / keep-alive
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) data.append('\n');
                    data.append(line.substring(5).stripLeading());
                } else if (line.startsWith("{")) {
                    // Some local servers send bare JSON lines; treat each as one event.
                    dispatch(parser, event, line, text, onToken, counters);
                }
            }
            if (data.length() > 0) dispatch(parser, event, data.toString(), text, onToken, counters);
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new Attempt(new LlmException(LlmFailure.TIMEOUT, null, "stream idle for " + config.requestTimeout(), e, 0), null);
            }
            throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE,
                    "The language model's answer was cut off before it finished; try again.", "stream broke: " + e, e, 0), null);
        } finally {
            watch.cancel(false);
        }
        if (timedOut.get()) {
            throw new Attempt(new LlmException(LlmFailure.TIMEOUT, null, "stream idle for " + config.requestTimeout(), null, 0), null);
        }
        if (!parser.finished()) {
            throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE,
                    "The language model's answer was cut off before it finished; try again.",
                    "stream ended without its end event after " + text.length() + " characters", null, 0), null);
        }
        return new WireFormat.Reply(text.toString(), parser.model(), parser.inputTokens(), parser.outputTokens());
    }

    private static void dispatch(WireFormat.StreamParser parser, String event, String data, StringBuilder text,
                                 Consumer<String> onToken, Counters counters) throws Attempt {
        if (data.equals("[DONE]")) {
            parser.onDone();
            return;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE, null, "stream event is not JSON: " + clip(data), e, 0), null);
        }
        String piece;
        try {
            piece = parser.onEvent(event, json);
        } catch (LlmException e) {
            throw new Attempt(e, null);
        }
        if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            counters.emitted = true;
            onToken.accept(piece);
        }
    }

    private <T> HttpResponse<T> send(byte[] body, Counters counters, HttpResponse.BodyHandler<T> handler) throws Attempt {
        HttpRequest.Builder b = HttpRequest.newBuilder(wire.endpoint(config.baseUrl()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        wire.headers(config).forEach(b::header);
        // Bytes count as sent once a connection carried them: a refused connection sent nothing.
        try {
            HttpResponse<T> resp = http.send(b.build(), handler);
            counters.sent += body.length;
            return resp;
        } catch (HttpConnectTimeoutException e) {
            throw new Attempt(new LlmException(LlmFailure.OFFLINE, unreachable(), "connect timeout: " + e.getMessage(), e, 0), null);
        } catch (HttpTimeoutException e) {
            counters.sent += body.length;
            throw new Attempt(new LlmException(LlmFailure.TIMEOUT, null, "no reply within " + config.requestTimeout(), e, 0), null);
        } catch (ConnectException | javax.net.ssl.SSLException e) {
            if (tlsFailure(e)) {
                // A certificate the JDK does not trust (a corporate proxy, a self-signed local server) or a server
                // that does not speak TLS: nothing was sent, and trying again will not help.
                throw new Attempt(new LlmException(LlmFailure.OFFLINE, "A secure connection to " + config.host()
                        + " could not be set up (its certificate is not trusted, or it does not speak TLS); nothing was sent.",
                        "TLS: " + e, e, 0), null);
            }
            throw new Attempt(new LlmException(LlmFailure.OFFLINE, unreachable(), "connect: " + e, e, 0), null);
        } catch (IOException e) {
            // A closed connection or a reset before any reply: the server side failed (the body may have gone out).
            counters.sent += body.length;
            throw new Attempt(new LlmException(LlmFailure.SERVER, null, "I/O: " + e, e, 0), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Attempt(new LlmException(LlmFailure.TIMEOUT, "The language model call was cancelled.", "interrupted", e, 0), null);
        }
    }

    static boolean tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof javax.net.ssl.SSLException) return true;
        return false;
    }

    /** Some servers echo the key in their error body; it must not reach a log through our detail text. */
    private LlmException scrub(LlmException e) {
        String key = config.apiKey();
        if (key == null || e.detail() == null || !e.detail().contains(key)) return e;
        return new LlmException(e.failure(), e.getMessage(), e.detail().replace(key, "***"), null, e.retries());
    }

    private String unreachable() {
        return "The language model service at " + config.host() + " cannot be reached; check its address and your network, or work offline.";
    }

    private static void failOnStatus(int status, java.net.http.HttpHeaders headers, String body) throws Attempt {
        if (status / 100 == 2) return;
        String detail = "HTTP " + status + ": " + clip(body);
        if (status == 401 || status == 403) throw new Attempt(new LlmException(LlmFailure.AUTH, detail), null);
        if (status == 429) {
            throw new Attempt(new LlmException(LlmFailure.RATE_LIMITED, detail), retryAfter(headers).orElse(null));
        }
        if (status == 408) throw new Attempt(new LlmException(LlmFailure.TIMEOUT, detail), null);
        if (status == 529 || status / 100 == 5) {
            throw new Attempt(new LlmException(LlmFailure.SERVER, detail), retryAfter(headers).orElse(null));
        }
        if (status == 404) {
            throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE,
                    "The language model service does not know this model or address; check the model name and base URL.", detail, null, 0), null);
        }
        throw new Attempt(new LlmException(LlmFailure.BAD_RESPONSE,
                "The language model service rejected the request (HTTP " + status + ").", detail, null, 0), null);
    }

    /** Retry-After as seconds or an HTTP date. */
    static java.util.Optional<Duration> retryAfter(java.net.http.HttpHeaders headers) {
        return headers.firstValue("retry-after").flatMap(v -> {
            String s = v.strip();
            try {
                return java.util.Optional.of(Duration.ofMillis((long) (Double.parseDouble(s) * 1000)));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime t = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(), t);
                    return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (RuntimeException e2) {
                    return java.util.Optional.empty();
                }
            }
        });
    }

    static int estimateTokens(String s) {
        return s == null ? 0 : Math.max(1, s.length() / 4);
    }

    private static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Counters {
        long sent;
        long received;
        boolean emitted;
    }

    /** One attempt's classified failure, with the server's requested wait if any. */
    private static final class Attempt extends Exception {
        final LlmException failure;
        final Duration retryAfter;

        Attempt(LlmException failure, Duration retryAfter) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
            this.retryAfter = retryAfter;
        }
    }

    /** A failed call with what it cost, so the gateway can audit failed calls too. */
    static final class CallFailed extends RuntimeException {
        final LlmException failure;
        final long sent;
        final long received;
        final long elapsedMs;

        CallFailed(LlmException failure, Counters c, long started) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.sent = c.sent;
            this.received = c.received;
            this.elapsedMs = (System.nanoTime() - started) / 1_000_000;
        }
    }
}
