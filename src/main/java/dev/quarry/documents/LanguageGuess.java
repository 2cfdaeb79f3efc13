package dev.quarry.documents;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A cheap guess at a document's language from its most common function words, enough to flag
 * non-English documents in a production (the embedding model is English-only). Null when unsure.
 */
public final class LanguageGuess {
    private static final Map<String, Set<String>> WORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "in", "is", "that", "for", "with", "shall", "this", "be"),
            "fr", Set.of("le", "la", "les", "et", "des", "du", "est", "une", "pour", "que", "dans", "au"),
            "de", Set.of("der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "ein", "für"),
            "es", Set.of("el", "la", "los", "y", "de", "que", "en", "por", "una", "con", "para", "las"),
            "it", Set.of("il", "di", "che", "e", "la", "per", "una", "non", "sono", "della", "con", "gli"),
            "nl", Set.of("de", "het", "een", "en", "van", "niet", "dat", "op", "voor", "met", "zijn", "te"));
    private static final int SAMPLE_CHARS = 20_000;

    private LanguageGuess() {}

    public static String guess(List<ParsedPage> pages) {
        StringBuilder sample = new StringBuilder();
        for (ParsedPage p : pages) {
            if (sample.length() >= SAMPLE_CHARS) break;
            sample.append(p.text(), 0, Math.min(p.text().length(), SAMPLE_CHARS - sample.length())).append(' ');
        }
        return guess(sample.toString());
    }

    public static String guess(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        if (words.length < 20) return null;
        String best = null;
        int bestHits = 0, second = 0;
        for (var e : WORDS.entrySet()) {
            int hits = 0;
            for (String w : words) if (e.getValue().contains(w)) hits++;
            if (hits > bestHits) {
                second = bestHits;
                bestHits = hits;
                best = e.getKey();
            } else if (hits > second) {
                second = hits;
            }
        }
        // Function words are ~10–30% of running text; require a clear signal and a clear winner.
        return bestHits * 100 / words.length >= 5 && bestHits > second * 3 / 2 ? best : null;
    }
}
