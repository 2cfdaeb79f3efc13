package dev.quarry.evidence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A criterion's search queries and key terms. Given queries are used as they are (a query may use keyword
 * syntax: {@code "change of control" OR merger}); without any, the queries come from the instructions and
 * the name. A quoted phrase in a query is a key term: a passage that holds one is term evidence for the
 * criterion, beside its similarity.
 */
final class Queries {
    private Queries() {}

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{2,80})\"");
    private static final String SYNTAX = "[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]";

    static List<String> of(Criterion c) {
        Set<String> out = new LinkedHashSet<>();
        for (String q : c.queries()) if (q != null && !q.isBlank()) out.add(q.strip());
        if (out.isEmpty()) {
            String instr = c.instructions().strip();
            if (!instr.isEmpty()) out.add(instr.length() > 400 ? instr.substring(0, 400) : instr);
            String name = c.name().replace('_', ' ').replace('-', ' ').strip();
            if (!name.isEmpty()) out.add(name);
        }
        return new ArrayList<>(out);
    }

    /** The text for the keyword index: as written when it uses phrases, else the words alone. */
    static String keywordForm(String q) {
        if (isTermQuery(q)) return q;
        String words = q.replaceAll(SYNTAX, " ").replaceAll("\\b(AND|OR|NOT)\\b", " ").strip();
        return words.isEmpty() ? "\"\"" : words;
    }

    /** The text for the embedding model: the words without keyword syntax. */
    static String plainWords(String q) {
        return q.replaceAll("\"(~\\d+)?", "").replace("*", "").replaceAll("\\b(AND|OR|NOT)\\b", ",").replaceAll("\\s+", " ").strip();
    }

    /**
     * A term query: keyword syntax (phrases, proximity, OR, wildcards) whose match in a passage is term
     * evidence. A query in plain words is a description, searched by meaning and by BM25 alike.
     */
    static boolean isTermQuery(String q) {
        return q.contains("\"") || q.contains(" OR ") || q.contains(" AND ") || q.matches(".*\\w\\*.*");
    }

    /**
     * The words of the term queries (lower case, wildcards and slops dropped), to place a quote on the first
     * of them that a passage holds.
     */
    static List<String> keyTerms(Criterion c) {
        Set<String> out = new LinkedHashSet<>();
        for (String q : c.queries()) {
            if (!isTermQuery(q)) continue;
            Matcher m = QUOTED.matcher(q);
            while (m.find()) out.add(QuoteCheck.normalise(m.group(1)).split(" ")[0]);
            for (String w : q.replaceAll("\"[^\"]*\"(~\\d+)?", " ").split("\\s+|\\bOR\\b|\\bAND\\b")) {
                String t = w.replaceAll("[^\\p{L}\\p{N}-]", "").toLowerCase(Locale.ROOT);
                if (t.length() >= 4 && !t.equals("or") && !t.equals("and")) out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    /** Where the first key term stands in the text (start, end), or null. A term matches at a word start. */
    static int[] findKeyTerm(String text, List<String> terms) {
        if (terms.isEmpty()) return null;
        String lower = text.toLowerCase(Locale.ROOT);
        int[] best = null;
        for (String t : terms) {
            int from = 0;
            while (true) {
                int at = lower.indexOf(t, from);
                if (at < 0) break;
                if (at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1))) {
                    if (best == null || at < best[0]) best = new int[] {at, at + t.length()};
                    break;
                }
                from = at + 1;
            }
        }
        return best;
    }

    /** Whether a normalised text ({@link QuoteCheck#normalise}) holds a key term at a word start. */
    private static final Pattern LAW = Pattern.compile("(?i)govern\\w*[ _-]*law|choice[ _-]of[ _-]law|applicable[ _-]law|governed\\s+by");

    /** A TEXT criterion about the governing law: its value is normalised to the jurisdiction's name. */
    static boolean isGoverningLaw(Criterion c) {
        return LAW.matcher(c.name()).find() || LAW.matcher(c.instructions()).find();
    }

    static boolean hasKeyTerm(String normalisedText, List<String> terms) {
        return findKeyTerm(normalisedText, terms) != null;
    }
}
