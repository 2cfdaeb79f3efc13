package dev.quarry.deficiency;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Sentences of a pleading's paragraph: a full stop before a capital ends one, except after a legal abbreviation. */
final class Sentences {
    private static final Set<String> ABBREVIATIONS = Set.of("fed", "r", "civ", "p", "proc", "no", "nos", "inc", "co", "corp",
            "ltd", "llc", "cal", "code", "evid", "u.s", "v", "vs", "e.g", "i.e", "sec", "art", "subd", "seq", "st", "mr", "ms", "dr", "cf", "id");

    private Sentences() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        String t = text.replaceAll("\\s+", " ").strip();
        int start = 0;
        for (int i = 0; i < t.length() - 2; i++) {
            char c = t.charAt(i);
            boolean closing = (c == '"' || c == '”') && i > 0 && (t.charAt(i - 1) == '.' || t.charAt(i - 1) == '?');
            if ((c == '.' || c == '?' || c == '!' || closing) && t.charAt(i + 1) == ' '
                    && (Character.isUpperCase(t.charAt(i + 2)) || t.charAt(i + 2) == '"' || t.charAt(i + 2) == '(')) {
                if (closing) {
                    out.add(t.substring(start, i + 1).strip());
                    start = i + 2;
                    continue;
                }
                int w = i - 1;
                while (w >= start && (Character.isLetter(t.charAt(w)) || t.charAt(w) == '.')) w--;
                String word = t.substring(w + 1, i).toLowerCase(java.util.Locale.ROOT);
                if (c == '.' && ABBREVIATIONS.contains(word)) continue;
                out.add(t.substring(start, i + 1).strip());
                start = i + 2;
            }
        }
        if (start < t.length()) out.add(t.substring(start).strip());
        // A citation standing alone ("Fed. R. Civ. P. 26(b)(1).") belongs to the sentence before it.
        List<String> merged = new ArrayList<>();
        for (String s : out) {
            if (!merged.isEmpty() && s.matches("^(?:Fed\\. R\\.|Code Civ\\.|Cal\\. |See, e\\.g\\.|\\(Code).*") && s.length() < 120) {
                merged.set(merged.size() - 1, merged.get(merged.size() - 1) + " " + s);
            } else if (!s.isEmpty()) {
                merged.add(s);
            }
        }
        return merged;
    }
}
