package dev.quarry.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answer without a model: the sentence of each top passage that best matches the question, quoted
 * verbatim and cited. Labelled extractive so nobody mistakes it for a synthesised answer.
 */
final class ExtractiveAnswerer {
    static final String LABEL = "Extractive answer (no language model was used): the passages that best match the question.";

    record Extract(String answer, List<String> quotes) {}

    Extract answer(String question, List<Passage> sources) {
        Set<String> q = Terms.stems(question);
        StringBuilder sb = new StringBuilder(LABEL).append("\n");
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Passage p = sources.get(i);
            String quote = bestSentence(p.text(), q);
            quotes.add(quote);
            sb.append("\n[").append(i + 1).append("] \"").append(quote).append("\" (").append(where(p)).append(")");
        }
        return new Extract(sb.toString(), quotes);
    }

    static String where(Passage p) {
        StringBuilder s = new StringBuilder(p.fileName() == null ? "document " + p.documentId() : p.fileName());
        if (p.page() > 0) s.append(", p. ").append(p.page());
        if (p.bates() != null) s.append(", ").append(p.bates());
        return s.toString();
    }

    /** The sentence (or run of sentences, up to ~300 characters) with the most question words, verbatim. */
    static String bestSentence(String text, Set<String> q) {
        String[] sentences = text.split("(?<=[.!?;])\\s+|\\n\\s*\\n");
        String best = null;
        double bestScore = -1;
        for (String s : sentences) {
            String t = s.strip();
            if (t.length() < 20) continue;
            Set<String> st = Terms.stems(t);
            long hits = st.stream().filter(q::contains).count();
            double score = hits + Math.min(t.length(), 300) / 3000.0;
            if (score > bestScore) {
                bestScore = score;
                best = t;
            }
        }
        if (best == null) best = text.strip();
        best = best.replaceAll("\\s+", " ");
        if (best.length() > 300) {
            int cut = best.lastIndexOf(' ', 297);
            best = best.substring(0, cut > 200 ? cut : 297) + " …";
        }
        return best;
    }
}
