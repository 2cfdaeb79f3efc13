package dev.quarry.deficiency;

import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.FieldTemplates;
import dev.quarry.evidence.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The engine's criteria for a clause a request names ("any obligation to deposit source code with an escrow
 * agent"): the evidence package's field templates (CUAD's categories, with their tuned queries) whose name,
 * description and queries share the most words with the request's phrase, weighted by how rare each word is
 * among the templates. A phrase that names two provisions ("perpetual, irrevocable, or unlimited-use license")
 * takes every template that scores near the best, any of which makes a document responsive. A phrase no
 * template fits becomes a yes/no criterion in the request's own words.
 */
class ClauseCriteria {
    /** A template must score this share of the phrase's weight to be used. */
    static final double MIN_SCORE = 0.3;
    /** Templates scoring this share of the best one are taken too. */
    static final double NEAR_BEST = 0.8;
    private static final Set<String> STOP = Set.of("any", "a", "an", "the", "of", "or", "and", "to", "in", "on", "for", "by", "with",
            "that", "which", "from", "at", "as", "be", "is", "are", "its", "their", "party", "parties", "agreement", "agreements",
            "provision", "provisions", "clause", "clauses", "contain", "contains", "containing", "include", "includes", "including",
            "such", "other", "another", "before", "may", "shall", "all", "this", "it", "than", "those", "them");
    private static final Set<String> SKIP = Set.of("parties", "document_name", "agreement_date", "effective_date", "governing_law",
            "expiration_date", "renewal_term");

    private final List<FieldTemplates.Template> templates = new ArrayList<>();
    private final List<Set<String>> words = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();

    ClauseCriteria() {
        for (FieldTemplates.Template t : FieldTemplates.all()) {
            if (SKIP.contains(t.criterion().name())) continue;
            templates.add(t);
            StringBuilder sb = new StringBuilder(t.category()).append(' ').append(t.description());
            for (String q : t.criterion().queries()) sb.append(' ').append(q);
            words.add(stems(sb.toString()));
        }
        Map<String, Integer> df = new HashMap<>();
        for (Set<String> w : words) for (String s : w) df.merge(s, 1, Integer::sum);
        for (var e : df.entrySet()) idf.put(e.getKey(), Math.log(1 + templates.size() / (double) e.getValue()));
    }

    /** The criteria for a phrase: one or more templates, or the phrase itself. */
    List<Criterion> criteria(String phrase) {
        Set<String> ws = stems(phrase);
        double total = 0;
        for (String w : ws) total += idf.getOrDefault(w, Math.log(1 + templates.size()));
        double[] score = new double[templates.size()];
        double best = 0;
        for (int i = 0; i < templates.size(); i++) {
            double s = 0;
            for (String w : ws) if (words.get(i).contains(w)) s += idf.get(w);
            score[i] = total == 0 ? 0 : s / total;
            best = Math.max(best, score[i]);
        }
        List<Criterion> out = new ArrayList<>();
        if (best >= MIN_SCORE) {
            for (int i = 0; i < templates.size(); i++) {
                if (score[i] >= best * NEAR_BEST) out.add(FieldTemplates.criterion(templates.get(i).criterion().name(), ValueType.BOOLEAN));
            }
        }
        if (out.isEmpty() || out.size() > 3) {
            out = List.of(new Criterion("request clause: " + phrase, ValueType.BOOLEAN,
                    "Does the agreement itself contain " + phrase + "? Answer yes only when the agreement has such a provision.",
                    List.of(), false, false, List.of(phrase), List.of()));
        }
        return out;
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip().split(" ")) {
            if (w.length() < 3 || STOP.contains(w)) continue;
            out.add(stem(w));
        }
        return out;
    }

    static String stem(String w) {
        for (String suffix : List.of("ations", "ation", "ities", "ity", "ing", "ions", "ion", "ments", "ment", "ers", "er", "ed", "es", "s")) {
            if (w.length() - suffix.length() >= 4 && w.endsWith(suffix)) return w.substring(0, w.length() - suffix.length());
        }
        return w;
    }
}
