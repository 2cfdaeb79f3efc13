package dev.quarry.llm;

import dev.quarry.core.AuditLog;
import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The only way text reaches a language model. Every call passes the egress policy here, where no caller
 * can skip it: the offline switch (zero network calls), redaction with placeholders restored in the
 * answer, the hourly/daily budget, and one audit event per call or refusal (provider, model, host,
 * documents whose text was sent, bytes, tokens, outcome; never the key or the text itself).
 */
public final class LlmGateway implements LlmClient {
    public static final String AUDIT_CALL = "llm.call";
    /** The audit detail holding the text sent, {system, user}; `quarry audit DIR --show ID` prints it. */
    public static final String SENT_TEXT = "sent_text";
    /** Past this many characters the audit keeps the start of the text sent, its hash and its length. */
    static final int AUDIT_TEXT_LIMIT = 60_000;
    public static final String AUDIT_BLOCKED = "llm.blocked";

    /** An audit event's details without the text sent (its hash and length stay): what a listing shows. */
    public static Map<String, Object> withoutSentText(Map<String, Object> details) {
        if (!details.containsKey(SENT_TEXT)) return details;
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.remove(SENT_TEXT);
        return d;
    }

    /** The text an llm.call event sent, as the provider received it (system, then user), or null for other events. */
    public static String sentText(Map<String, Object> details) {
        if (!(details.get(SENT_TEXT) instanceof Map<?, ?> sent)) return null;
        return "--- system ---\n" + sent.get("system") + "\n\n--- user ---\n" + sent.get("user")
                + (Boolean.TRUE.equals(sent.get("truncated")) ? "\n\n(the text was longer; the audit keeps its start)" : "");
    }

    private final HttpLlmClient http;
    private final Settings settings;
    private final UsageBudget budget;
    private final AuditLog audit;

    /** @param config null when no model is configured: every call is then refused as offline. */
    public LlmGateway(LlmConfig config, Settings settings, UsageBudget budget, AuditLog audit) {
        this.http = config == null ? null : new HttpLlmClient(config);
        this.settings = settings;
        this.budget = budget;
        this.audit = audit;
    }

    public static LlmGateway forMatter(Matter matter, LlmConfig config) {
        return new LlmGateway(config, matter.settings(), new UsageBudget(matter.db()), matter.audit());
    }

    public Optional<LlmConfig> config() {
        return http == null ? Optional.empty() : Optional.of(http.config());
    }

    public EgressPolicy policy() {
        return EgressPolicy.from(settings);
    }

    /** True when a call would be attempted: a model is configured and the offline switch is off. */
    public boolean available() {
        return http != null && !policy().offline();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
        return call(request, null);
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onToken) {
        return call(request, onToken == null ? t -> {} : onToken);
    }

    private LlmResponse call(LlmRequest request, Consumer<String> onToken) {
        EgressPolicy policy = policy();
        if (http == null) {
            throw blocked(request, "not_configured", new LlmException(LlmFailure.OFFLINE,
                    "No language model is configured; set one in settings (or QUARRY_LLM_MODEL for the command line).",
                    "no model configured", null, 0));
        }
        if (policy.offline()) {
            throw blocked(request, "offline_switch", new LlmException(LlmFailure.OFFLINE,
                    "The offline switch is on, so nothing was sent to a language model.", "offline switch", null, 0));
        }
        try {
            budget.reserve(policy);
        } catch (LlmException e) {
            throw blocked(request, "budget", e);
        }
        Redactor redactor = policy.redact() || request.redact() ? new Redactor() : null;
        LlmRequest outgoing = redactor == null ? request
                : request.withText(redactor.redact(request.system()), redactor.redact(request.user()));
        StringBuilder held = new StringBuilder();
        Consumer<String> sink = onToken == null || redactor == null ? onToken : redactor.restoring(onToken, held);
        try {
            LlmResponse r = http.call(outgoing, sink);
            if (sink != onToken && held.length() > 0) onToken.accept(redactor.restore(held.toString()));
            budget.addTokens(r.inputTokens(), r.outputTokens());
            LlmResponse restored = redactor == null ? r : r.withText(redactor.restore(r.text()), redactor.total());
            audit(request, outgoing, redactor, onToken != null, "ok", r.retries(), r.bytesSent(), r.bytesReceived(),
                    r.inputTokens(), r.outputTokens(), r.tokensEstimated(), r.elapsedMs(), r.model());
            return restored;
        } catch (HttpLlmClient.CallFailed f) {
            audit(request, outgoing, redactor, onToken != null, f.failure.failure().code(), f.failure.retries(), f.sent, f.received,
                    0, 0, false, f.elapsedMs, http.config().model());
            throw f.failure;
        }
    }

    private LlmException blocked(LlmRequest request, String reason, LlmException e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reason", reason);
        d.put("purpose", request.purpose());
        d.put("provider", http == null ? null : http.config().provider().id());
        d.put("model", http == null ? null : http.config().model());
        d.put("bytes_sent", 0);
        audit.record(AUDIT_BLOCKED, request.purpose(), request.entityId(), d);
        return e;
    }

    /**
     * One audit event per call, with the text exactly as it was handed to the provider (after redaction):
     * the user can later read what left the machine, not only how much. It stays in the matter's own
     * database; the API key is never part of it.
     */
    private void audit(LlmRequest request, LlmRequest outgoing, Redactor redactor, boolean streamed, String outcome, int retries,
                       long sent, long received, int in, int out, boolean estimated, long elapsedMs, String model) {
        LlmConfig c = http.config();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("provider", c.provider().id());
        d.put("model", model);
        d.put("host", c.host());
        d.put("purpose", request.purpose());
        d.put("document_ids", request.documentIds());
        d.put("bytes_sent", sent);
        d.put("bytes_received", received);
        d.put("tokens_input", in);
        d.put("tokens_output", out);
        d.put("tokens_estimated", estimated);
        d.put("streamed", streamed);
        d.put("retries", retries);
        d.put("elapsed_ms", elapsedMs);
        d.put("outcome", outcome);
        d.put("redacted", redactor != null);
        if (redactor != null) d.put("redactions", redactor.counts());
        String text = outgoing.system() + "\n\n" + outgoing.user();
        d.put("sent_sha256", dev.quarry.core.Hashing.sha256(text));
        d.put("sent_chars", text.length());
        Map<String, Object> textSent = new LinkedHashMap<>();
        textSent.put("system", outgoing.system());
        int room = Math.max(0, AUDIT_TEXT_LIMIT - outgoing.system().length());
        textSent.put("user", outgoing.user().length() <= room ? outgoing.user() : outgoing.user().substring(0, room));
        if (outgoing.user().length() > room) textSent.put("truncated", true);
        d.put(SENT_TEXT, textSent);
        audit.record(AUDIT_CALL, request.purpose(), request.entityId(), d);
    }
}
