package dev.quarry.llm;

/**
 * A model's answer and what it cost.
 *
 * @param tokensEstimated true when the server reported no usage and the counts are estimated from length
 * @param redactions      how many values were replaced by placeholders before sending
 */
public record LlmResponse(String text, String provider, String model, int inputTokens, int outputTokens,
                          boolean tokensEstimated, int retries, long bytesSent, long bytesReceived,
                          long elapsedMs, int redactions) {

    LlmResponse withText(String t, int redactions) {
        return new LlmResponse(t, provider, model, inputTokens, outputTokens, tokensEstimated, retries, bytesSent,
                bytesReceived, elapsedMs, redactions);
    }
}
