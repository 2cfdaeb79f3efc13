package dev.quarry.qa;

import java.util.Set;

/** The ≤240-character excerpt shown under a citation, centred on what matters in the chunk. */
final class Previews {
    static final int MAX = 240;

    private Previews() {}

    /** A window of at most {@link #MAX} characters around [from, to) of {@code text}, whitespace collapsed. */
    static String window(String text, int from, int to) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= MAX) return flat;
        // Map offsets approximately after collapsing: recompute on the flat text by searching the focus.
        int f = Math.max(0, Math.min(from, text.length()));
        int t = Math.max(f, Math.min(to, text.length()));
        String focus = text.substring(f, t).replaceAll("\\s+", " ").strip();
        int at = focus.isEmpty() ? 0 : Math.max(0, flat.indexOf(focus));
        int len = Math.min(focus.length(), MAX - 2);
        int start = Math.max(0, at - (MAX - 2 - len) / 2);
        int end = Math.min(flat.length(), start + MAX - 2);
        start = Math.max(0, end - (MAX - 2));
        String s = flat.substring(start, end).strip();
        return (start > 0 ? "…" : "") + s + (end < flat.length() ? "…" : "");
    }

    /** The part of {@code text} densest in the question's stems. */
    static String bestWindow(String text, Set<String> questionStems) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= MAX) return flat;
        int bestAt = 0;
        int bestHits = -1;
        for (int at = 0; at < flat.length(); at += 40) {
            int end = Math.min(flat.length(), at + MAX - 2);
            int hits = 0;
            for (String w : Terms.words(flat.substring(at, end))) if (questionStems.contains(Terms.stem(w))) hits++;
            if (hits > bestHits) {
                bestHits = hits;
                bestAt = at;
            }
            if (end == flat.length()) break;
        }
        return window(flat, bestAt, Math.min(flat.length(), bestAt + MAX - 2));
    }
}
