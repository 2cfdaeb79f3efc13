package dev.quarry.qa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides whether a question can be answered from a matter before any model is asked (seed 003). */
public final class QuestionAnalyzer {
    private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{2,80})[\"”]");
    private static final Pattern CAPITALISED = Pattern.compile("\\b([A-Z][\\p{L}&.'-]*(?:\\s+(?:of\\s+|&\\s+)?[A-Z][\\p{L}&.'-]*)*)");
    private static final Pattern CODE = Pattern.compile("\\b(?=[A-Z0-9-]*\\d)[A-Z]{1,8}[-_ ]?\\d{3,}\\b|\\b\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?\\b");

    /** Below this retrieval score the best passage is noise. */
    static final double MIN_TOP_SCORE = 0.15;

    /**
     * Below this cosine similarity (bge-small-en-v1.5, with its query instruction) no passage is about the question: every
     * one of the 800 CUAD dev questions of the 60-contract slice has its best passage at 0.657 or above, while
     * "What is the capital of France?" over patents that mention both words finds 0.55 (docs/BENCHMARKS.md).
     */
    static final double MIN_DENSE_SIMILARITY = 0.60;
    /** ... unless one passage holds this share of the question's names and terms (a short exact question). */
    static final double FULL_PASSAGE_COVERAGE = 0.999;

    /** The embedding model the off-topic bound was measured with; other models' cosines sit elsewhere. */
    public static final String MEASURED_MODEL = "bge-small-en-v1.5-q";

    private final TermLookup lookup;
    private final boolean denseBoundApplies;

    public QuestionAnalyzer(TermLookup lookup) {
        this(lookup, true);
    }

    /** @param denseBoundApplies whether the matter's passages are embedded by {@link #MEASURED_MODEL} */
    public QuestionAnalyzer(TermLookup lookup, boolean denseBoundApplies) {
        this.lookup = lookup;
        this.denseBoundApplies = denseBoundApplies;
    }

    public QuestionAnalysis analyse(String question, List<Passage> passages) {
        List<String> entities = entities(question);
        Set<String> entityWords = new LinkedHashSet<>();
        for (String e : entities) entityWords.addAll(Terms.words(e));
        List<String> terms = new ArrayList<>();
        for (String t : Terms.content(question)) if (!entityWords.contains(t)) terms.add(t);

        Set<String> passageStems = new LinkedHashSet<>();
        StringBuilder passageText = new StringBuilder();
        for (Passage p : passages) {
            passageStems.addAll(Terms.stems(p.text()));
            passageText.append(Terms.normalise(p.text())).append('\n');
        }
        List<String> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        double weightFound = 0;
        double weightAll = 0;
        for (String e : entities) {
            boolean ok = passageText.indexOf(Terms.normalise(e)) >= 0 || lookup.occurs(e);
            (ok ? found : notFound).add(e);
            weightAll += 2;
            if (ok) weightFound += 2;
        }
        for (String t : terms) {
            boolean ok = passageStems.contains(Terms.stem(t)) || lookup.occurs(t)
                    || (t.indexOf('-') > 0 && parts(t).stream().allMatch(w -> passageStems.contains(Terms.stem(w))));
            (ok ? found : notFound).add(t);
            weightAll += 1;
            if (ok) weightFound += 1;
        }
        double coverage = weightAll == 0 ? 0 : weightFound / weightAll;
        double top = passages.isEmpty() ? 0 : clamp(passages.get(0).score());
        double confidence = round(0.6 * coverage + 0.4 * top);

        String reason = null;
        // A missing name blocks the answer only when none of its words occur: "Acme Holdings" missing as a
        // phrase while "Acme" is everywhere is a partial match, not proof the matter is silent.
        // The same goes for the parts of a hyphenated word: "Anti-Assignment" is not in a contract that
        // restricts assignment, but the question is still about its text.
        List<String> missingEntities = entities.stream().filter(notFound::contains)
                .filter(e -> Terms.content(e).stream().flatMap(w -> parts(w).stream())
                        .noneMatch(w -> passageStems.contains(Terms.stem(w)) || lookup.occurs(w)))
                .toList();
        if (weightAll == 0) {
            reason = "The question has no words Quarry can look for; ask about a person, a term, a date or a topic.";
        } else if (passages.isEmpty() || found.isEmpty()) {
            reason = "None of the question's key terms (" + String.join(", ", quoteAll(notFound)) + ") appear in this matter.";
        } else if (!missingEntities.isEmpty()) {
            reason = "This matter never mentions " + String.join(" or ", quoteAll(missingEntities)) + ".";
        } else if (coverage < 0.5) {
            reason = "Most of the question's terms (" + String.join(", ", quoteAll(notFound)) + ") do not appear in this matter.";
        } else if (top < MIN_TOP_SCORE) {
            reason = "No passage in this matter matches the question closely enough to answer it.";
        } else if (denseBoundApplies && offTopic(question, entities, terms, passages)) {
            // Every word may occur somewhere ("capital" in one patent, "France" in another) and still no passage
            // is about the question: none is close in meaning and none holds its words together.
            reason = "No passage in this matter is about this question: its words occur only apart, in passages about other things.";
        }
        return new QuestionAnalysis(entities, terms, found, notFound, round(coverage), confidence, intent(question),
                reason == null, reason);
    }

    /** Whether no passage is close in meaning (dense similarity) and none holds all of the question's words. */
    static boolean offTopic(String question, List<String> entities, List<String> terms, List<Passage> passages) {
        double dense = -1;
        for (Passage p : passages) if (p.denseScore() != null) dense = Math.max(dense, p.denseScore());
        if (dense < 0) return false; // a retriever without a dense side gives no measure of meaning
        if (dense >= MIN_DENSE_SIMILARITY) return false;
        QuestionAnalysis bare = new QuestionAnalysis(entities, terms, List.of(), List.of(), 0, 0, null, true, null);
        return Confidence.passageCoverage(question, bare, passages) < FULL_PASSAGE_COVERAGE;
    }

    /** A word and, when it is a compound ("anti-assignment", "r&d"), its content parts. */
    static List<String> parts(String word) {
        List<String> out = new ArrayList<>();
        out.add(word);
        if (word.matches(".*[-&'].*")) {
            for (String p : word.split("[-&']+")) if (p.length() >= 3 && !Terms.isStop(p)) out.add(p);
        }
        return out;
    }

    static List<String> entities(String question) {
        Set<String> out = new LinkedHashSet<>();
        Matcher q = QUOTED.matcher(question);
        while (q.find()) out.add(q.group(1).strip());
        String unquoted = QUOTED.matcher(question).replaceAll(" ");
        Matcher c = CODE.matcher(unquoted);
        while (c.find()) out.add(c.group().strip());
        // Capitalised runs, except the question's first word and words that are only capitalised stop words.
        Matcher m = CAPITALISED.matcher(unquoted);
        while (m.find()) {
            String run = m.group(1).strip().replaceAll("[.'-]+$", "");
            List<String> words = new ArrayList<>(List.of(run.split("\\s+")));
            if (startsSentence(unquoted, m.start())) words.remove(0);
            while (!words.isEmpty() && Terms.isStop(words.get(0).toLowerCase(Locale.ROOT))) words.remove(0);
            while (!words.isEmpty() && Terms.isStop(words.get(words.size() - 1).toLowerCase(Locale.ROOT))) words.remove(words.size() - 1);
            if (words.isEmpty()) continue;
            String e = String.join(" ", words);
            if (e.length() >= 2 && !e.equals(e.toUpperCase(Locale.ROOT)) || e.length() >= 3) out.add(e);
        }
        return new ArrayList<>(out);
    }

    /** Whether the word at {@code at} opens the question or a sentence or clause in it (capitalised by grammar, not as a name). */
    private static boolean startsSentence(String s, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == '"' || c == '“') continue;
            return c == '.' || c == ';' || c == ':' || c == '?' || c == '!' || c == '\n';
        }
        return true;
    }

    static String intent(String question) {
        String q = question.toLowerCase(Locale.ROOT).strip();
        if (q.matches("^(how many|count|number of)\\b.*")) return "count";
        if (q.matches("^(how much|what is the (amount|price|fee|cost)|what (amount|price|fee))\\b.*")) return "amount";
        if (q.matches("^(when|what date|by when|on what date)\\b.*") || q.contains("deadline")) return "date";
        if (q.matches("^(who|whom|which (party|person|company))\\b.*")) return "who";
        if (q.matches("^(compare|what is the difference|how does .* differ)\\b.*") || q.contains(" versus ") || q.contains(" vs")) return "comparison";
        if (q.matches("^(list|which|what are|name)\\b.*")) return "list";
        if (q.matches("^(is|are|does|do|did|can|was|were|has|have|will|should|must|may)\\b.*")) return "yes_no";
        if (q.matches("^(what is|what does|define|what's|explain|describe|summari[sz]e)\\b.*")) return "explain";
        return "unknown";
    }

    private static List<String> quoteAll(List<String> xs) {
        return xs.stream().map(x -> "\"" + x + "\"").toList();
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
