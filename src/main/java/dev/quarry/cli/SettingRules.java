package dev.quarry.cli;

import dev.quarry.core.Settings;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.LlmSettings;
import dev.quarry.qa.QaService;
import java.net.URI;
import java.util.Set;

/** Which matter settings `quarry matter set` changes, and what each accepts; null when a value is fine. */
final class SettingRules {
    private static final Set<String> BOOLEANS = Set.of(EgressPolicy.OFFLINE, EgressPolicy.REDACT);
    private static final Set<String> COUNTS = Set.of(EgressPolicy.QUERIES_PER_HOUR, EgressPolicy.TOKENS_PER_DAY);
    private static final Set<String> POSITIVE = Set.of(Settings.IMPORT_MAX_FILE_MB, Settings.IMPORT_TIMEOUT_SECONDS,
            Settings.CHUNK_MAX_TOKENS, Settings.CHUNK_OVERLAP_TOKENS);

    private SettingRules() {}

    static String check(String key, String raw) {
        String v = raw == null ? "" : raw.strip();
        if (key.equals(Settings.EMBEDDING_MODEL) || key.equals(Settings.EMBEDDING_MODEL_PENDING)) {
            return "the embedding model is changed by 'quarry embed DIR --model ID', which re-embeds the matter.";
        }
        if (key.contains("api_key")) {
            return "an API key is never given on the command line: set QUARRY_LLM_API_KEY, or save it in the app's settings.";
        }
        if (BOOLEANS.contains(key)) return v.equals("true") || v.equals("false") ? null : key + " takes true or false.";
        if (COUNTS.contains(key)) return wholeNumber(v, 0) ? null : key + " takes a whole number, 0 for no limit.";
        if (POSITIVE.contains(key)) return wholeNumber(v, 1) ? null : key + " takes a whole number above 0.";
        if (key.equals(LlmSettings.PROVIDER)) {
            return v.equals("openai") || v.equals("anthropic") ? null : "llm.provider takes openai or anthropic.";
        }
        if (key.equals(LlmSettings.BASE_URL)) return url(v) ? null : "llm.base_url takes an http:// or https:// address.";
        if (key.equals(LlmSettings.MODEL) || key.equals(Settings.NAME)) return v.isEmpty() ? key + " cannot be empty." : null;
        if (key.equals(QaService.REVIEW_THRESHOLD)) {
            try {
                double d = Double.parseDouble(v);
                return d >= 0 && d <= 1 ? null : "qa.review_threshold takes a number from 0 to 1.";
            } catch (NumberFormatException e) {
                return "qa.review_threshold takes a number from 0 to 1.";
            }
        }
        return "there is no setting " + key + " to change; 'quarry matter set --help' lists them.";
    }

    private static boolean wholeNumber(String v, long min) {
        try {
            return Long.parseLong(v) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean url(String v) {
        try {
            URI u = new URI(v);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
