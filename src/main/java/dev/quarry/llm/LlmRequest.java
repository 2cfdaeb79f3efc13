package dev.quarry.llm;

import java.util.List;

/**
 * One call: a system prompt, one user message, and what the egress log needs to know about it.
 *
 * @param documentIds the documents whose text is inside {@code user} (recorded in the audit event)
 * @param purpose     what the call is for ("qa", "extraction", …), recorded in the audit event
 * @param entityId    the record the call serves (a query id), recorded in the audit event
 * @param redact      ask for redaction even when the matter's policy does not require it (a caller can
 *                    only make the policy stricter, never looser)
 */
public record LlmRequest(String system, String user, int maxTokens, double temperature,
                         List<Long> documentIds, String purpose, String entityId, boolean redact) {
    public LlmRequest {
        system = system == null ? "" : system;
        if (user == null || user.isBlank()) throw new IllegalArgumentException("empty user message");
        maxTokens = maxTokens <= 0 ? 1024 : maxTokens;
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        purpose = purpose == null ? "other" : purpose;
    }

    public static LlmRequest of(String system, String user) {
        return new LlmRequest(system, user, 1024, 0.0, List.of(), "other", null, false);
    }

    LlmRequest withText(String system, String user) {
        return new LlmRequest(system, user, maxTokens, temperature, documentIds, purpose, entityId, redact);
    }
}
