package dev.quarry.cli;

import dev.quarry.core.Settings;
import dev.quarry.documents.chunk.Chunker;
import dev.quarry.llm.EgressPolicy;
import dev.quarry.llm.LlmSettings;
import dev.quarry.qa.QaService;
import dev.quarry.retrieval.ModelManifest;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Which matter settings `quarry matter set` changes, and what each accepts; null when a value is fine.
 * Every number has bounds its reader can hold: before these, {@code import.max_file_mb 9999999999} was
 * accepted and every later import failed parsing it as an int, and {@code chunk.max_tokens 10000} made
 * chunks the embedder cuts off at 512 tokens.
 */
final class SettingRules {
    private static final Set<String> BOOLEANS = Set.of(EgressPolicy.OFFLINE, EgressPolicy.REDACT, Settings.OCR_ENABLED);

    /** Whole-number keys and their bounds: [min, max], both included. */
    private static final Map<String, long[]> WHOLE = Map.of(
            // 0 is no limit; the budget reads the hourly count as an int. A million an hour is no limit in practice.
            EgressPolicy.QUERIES_PER_HOUR, new long[] {0, 1_000_000},
            EgressPolicy.TOKENS_PER_DAY, new long[] {0, 1_000_000_000_000L},
            // Read as an int of MB; 1 TB is beyond any file a production holds.
            Settings.IMPORT_MAX_FILE_MB, new long[] {1, 1_048_576},
            // Per file; a parse that runs for a day is stuck, and a day keeps the value an int of seconds.
            Settings.IMPORT_TIMEOUT_SECONDS, new long[] {1, 86_400},
            // Per OCR page; an hour is far beyond any page (about 1 s at 300 dpi here).
            Settings.OCR_PAGE_TIMEOUT_SECONDS, new long[] {1, 3_600},
            // The upper bound depends on the matter's model and the overlap: see against().
            Settings.CHUNK_MAX_TOKENS, new long[] {Chunker.MIN_MAX_TOKENS, Integer.MAX_VALUE},
            Settings.CHUNK_OVERLAP_TOKENS, new long[] {0, Integer.MAX_VALUE});

    private SettingRules() {}

    /** The value's own form and fixed bounds, checked before the matter is opened. */
    static String check(String key, String raw) {
        String v = raw == null ? "" : raw.strip();
        if (key.equals(Settings.EMBEDDING_MODEL) || key.equals(Settings.EMBEDDING_MODEL_PENDING)) {
            return "the embedding model is changed by 'quarry embed DIR --model ID', which re-embeds the matter.";
        }
        if (key.contains("api_key")) {
            return "an API key is never given on the command line: set QUARRY_LLM_API_KEY, or save it in the app's settings.";
        }
        if (BOOLEANS.contains(key)) return v.equals("true") || v.equals("false") ? null : key + " takes true or false.";
        long[] range = WHOLE.get(key);
        if (range != null) {
            if (wholeNumber(v, range[0], range[1])) return null;
            if (range[1] == Integer.MAX_VALUE) return key + " takes a whole number of at least " + range[0] + ".";
            return String.format("%s takes a whole number from %,d to %,d%s.", key, range[0], range[1],
                    range[0] == 0 ? " (0: no limit)" : "");
        }
        if (key.equals(LlmSettings.PROVIDER)) {
            return v.equals("openai") || v.equals("anthropic") ? null : "llm.provider takes openai or anthropic.";
        }
        if (key.equals(LlmSettings.BASE_URL)) return url(v) ? null : "llm.base_url takes an http:// or https:// address.";
        if (key.equals(LlmSettings.MODEL) || key.equals(Settings.NAME)) return v.isEmpty() ? key + " cannot be empty." : null;
        if (key.equals(Settings.OCR_LANGUAGES)) {
            return v.matches("[a-z_]{3,16}(\\+[a-z_]{3,16})*") ? null
                    : "ocr.languages takes Tesseract language codes joined with +, such as eng or eng+deu.";
        }
        if (key.equals(Settings.OCR_LOW_CONFIDENCE)) {
            try {
                double d = Double.parseDouble(v);
                return d >= 0 && d <= 1 ? null : "ocr.low_confidence takes a number from 0 to 1.";
            } catch (NumberFormatException e) {
                return "ocr.low_confidence takes a number from 0 to 1.";
            }
        }
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

    /**
     * What a value must fit in the matter as it is: a chunk no longer than the matter's model reads whole,
     * and an overlap below half the chunk size (the chunker needs that to move forward; it refused such a
     * pair only when the next import started).
     */
    static String against(String key, String value, Settings current, ModelManifest model) {
        if (key.equals(Settings.CHUNK_MAX_TOKENS)) {
            int max = Integer.parseInt(value);
            int overlap = current.getInt(Settings.CHUNK_OVERLAP_TOKENS);
            if (max > model.maxChunkTokens()) {
                return String.format("chunk.max_tokens takes a whole number from %d to %d: the matter's model %s reads "
                        + "%d tokens, two of them its own markers.", Chunker.MIN_MAX_TOKENS, model.maxChunkTokens(),
                        model.id(), model.maxTokens());
            }
            if (overlap > Chunker.maxOverlap(max)) {
                return String.format("chunk.max_tokens must be at least %d, more than twice chunk.overlap_tokens (%d); "
                        + "lower chunk.overlap_tokens first.", 2 * overlap + 2, overlap);
            }
        }
        if (key.equals(Settings.CHUNK_OVERLAP_TOKENS)) {
            int max = current.getInt(Settings.CHUNK_MAX_TOKENS);
            if (Integer.parseInt(value) > Chunker.maxOverlap(max)) {
                return String.format("chunk.overlap_tokens takes a whole number from 0 to %d, below half of "
                        + "chunk.max_tokens (%d).", Chunker.maxOverlap(max), max);
            }
        }
        return null;
    }

    private static boolean wholeNumber(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
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
