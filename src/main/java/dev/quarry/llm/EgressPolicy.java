package dev.quarry.llm;

import dev.quarry.core.Settings;

/**
 * What the user allows to leave the machine, read from the matter's settings at every call so that a
 * change takes effect at once and no caller can pass a looser policy.
 *
 * @param tokensPerDay 0 means no daily token limit
 */
public record EgressPolicy(boolean offline, boolean redact, int queriesPerHour, long tokensPerDay) {
    public static final String OFFLINE = "llm.offline";
    public static final String REDACT = "llm.redact";
    public static final String QUERIES_PER_HOUR = "llm.queries_per_hour";
    public static final String TOKENS_PER_DAY = "llm.tokens_per_day";
    public static final int DEFAULT_QUERIES_PER_HOUR = 60;
    public static final long DEFAULT_TOKENS_PER_DAY = 2_000_000;

    public static EgressPolicy from(Settings s) {
        return new EgressPolicy(
                bool(s, OFFLINE, false),
                bool(s, REDACT, false),
                s.find(QUERIES_PER_HOUR).map(v -> Integer.parseInt(v.trim())).orElse(DEFAULT_QUERIES_PER_HOUR),
                s.find(TOKENS_PER_DAY).map(v -> Long.parseLong(v.trim())).orElse(DEFAULT_TOKENS_PER_DAY));
    }

    private static boolean bool(Settings s, String key, boolean dflt) {
        return s.find(key).map(v -> v.trim().equalsIgnoreCase("true")).orElse(dflt);
    }
}
