package dev.quarry.llm;

/** Why a call to a language model did not produce an answer; each kind has a sentence a user can act on. */
public enum LlmFailure {
    AUTH("auth", false,
            "The language model service refused the API key; check the key (QUARRY_LLM_API_KEY for the command line)."),
    RATE_LIMITED("rate_limited", true,
            "The language model service is limiting how fast Quarry may ask; wait a minute and try again."),
    TIMEOUT("timeout", true,
            "The language model did not answer in time; try again, or choose a faster or local model."),
    SERVER("server", true,
            "The language model service had an internal error; try again in a few minutes."),
    BAD_RESPONSE("bad_response", false,
            "The language model sent a reply Quarry could not read; try again or choose another model."),
    OFFLINE("offline", false,
            "The language model service cannot be reached; check its address and your network, or work offline."),
    BUDGET_EXCEEDED("budget_exceeded", false,
            "The usage budget for language model calls is used up; wait for it to reset or raise it in settings.");

    private final String code;
    private final boolean retryable;
    private final String userMessage;

    LlmFailure(String code, boolean retryable, String userMessage) {
        this.code = code;
        this.retryable = retryable;
        this.userMessage = userMessage;
    }

    /** The value stored with a query and printed in JSON (error_type). */
    public String code() { return code; }

    /** Whether one retry may help. */
    public boolean retryable() { return retryable; }

    public String userMessage() { return userMessage; }
}
