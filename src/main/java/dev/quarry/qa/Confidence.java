package dev.quarry.qa;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How likely an answer's citations are the right passages, from signals measured to predict it on the CUAD
 * dev questions (docs/BENCHMARKS.md, "Q&A: confidence"): how strongly and how unanimously retrieval found
 * the cited passages, and how much of the question they hold. The signals go into the answer's breakdown so
 * a reader sees why a figure is low; the score combines them with weights fitted on one half of the dev
 * questions and checked on the other.
 */
public final class Confidence {
    private Confidence() {}

    /**
     * P(a cited passage overlaps the passage that answers) = logistic(b + w · (dense similarity, 1 / dense rank,
     * 1 / keyword rank, passage coverage)). Fitted per passage (ranks 1 to 5) on the even-numbered questions of
     * the 60-contract CUAD dev slice, extractive answers (`eval confidence … --half even --details`), and
     * checked on the odd-numbered ones: docs/BENCHMARKS.md.
     */
    static final double BIAS = -4.656, W_DENSE = 1.817, W_DENSE_RANK = 0.775, W_KEYWORD_RANK = 0.853, W_COVERAGE = 1.796;

    /**
     * How likely at least one of the cited passages is the right one: one minus the chance that every one
     * of them is wrong, each passage judged on its own signals. An answer citing five passages is more
     * likely to hold the right one than an answer citing one, and the figure says so.
     */
    static double score(String question, QuestionAnalysis analysis, List<Passage> cited, List<Passage> candidates) {
        double allWrong = 1;
        for (Passage p : cited) allWrong *= 1 - passageProbability(question, analysis, p, candidates);
        return QuestionAnalyzer.clamp(1 - allWrong);
    }

    static double passageProbability(String question, QuestionAnalysis analysis, Passage p, List<Passage> candidates) {
        double dense;
        double denseRank;
        double keywordRank;
        if (p.denseScore() == null && p.keywordScore() == null) {
            // A retriever with one score and no component rankings: its score and position stand in for both.
            int at = Math.max(1, candidates.indexOf(p) + 1);
            dense = QuestionAnalyzer.clamp(p.score());
            denseRank = 1.0 / at;
            keywordRank = 1.0 / at;
        } else {
            dense = p.denseScore() == null ? 0 : QuestionAnalyzer.clamp(p.denseScore());
            denseRank = p.denseRank() == null ? 0 : 1.0 / p.denseRank();
            keywordRank = p.keywordRank() == null ? 0 : 1.0 / p.keywordRank();
        }
        double coverage = passageCoverage(question, analysis, List.of(p));
        double z = BIAS + W_DENSE * dense + W_DENSE_RANK * denseRank + W_KEYWORD_RANK * keywordRank + W_COVERAGE * coverage;
        return 1 / (1 + Math.exp(-z));
    }

    /** The measured signals, each 0..1, shown in the answer's breakdown. */
    record Signals(double denseTop, double denseMargin, double keywordAgreement, double documentAgreement,
                   double passageCoverage, double matterCoverage) {

        Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("dense_similarity", round(denseTop));
            m.put("dense_margin", round(denseMargin));
            m.put("keyword_agreement", round(keywordAgreement));
            m.put("document_agreement", round(documentAgreement));
            m.put("passage_coverage", round(passageCoverage));
            m.put("coverage", round(matterCoverage));
            return m;
        }
    }

    /**
     * @param cited      the passages the answer cites (all sources for an extractive answer)
     * @param candidates everything retrieval returned, best first (the cited ones among them)
     */
    static Signals signals(String question, QuestionAnalysis analysis, List<Passage> cited, List<Passage> candidates) {
        if (cited.isEmpty()) return new Signals(0, 0, 0, 0, 0, analysis.coverage());
        Passage first = cited.get(0);
        // Dense similarity in absolute terms: bge-small puts unrelated English text at about 0.5 cosine and
        // a passage that answers at 0.7 and above.
        double dense = 0;
        for (Passage p : cited) if (p.denseScore() != null) dense = Math.max(dense, p.denseScore());
        if (dense == 0 && first.denseScore() == null) dense = QuestionAnalyzer.clamp(first.score());
        double last = dense;
        for (Passage p : candidates) if (p.denseScore() != null) last = Math.min(last, p.denseScore());
        double margin = Math.max(0, Math.min(1, (dense - last) * 10));
        // Keyword agreement: the best cited passage ranks near the top of both rankings.
        double agreement = 0;
        for (Passage p : cited) {
            if (p.denseRank() == null && p.keywordRank() == null) {
                agreement = Math.max(agreement, 0.5); // a retriever with one ranking: no second opinion
                continue;
            }
            if (p.denseRank() == null || p.keywordRank() == null) continue;
            agreement = Math.max(agreement, 1.0 / Math.max(p.denseRank(), p.keywordRank()));
        }
        // Document agreement: the share of the candidates that come from the first cited passage's document.
        long same = candidates.stream().filter(p -> p.documentId() == first.documentId()).count();
        double docs = candidates.isEmpty() ? 0 : (double) same / candidates.size();
        return new Signals(QuestionAnalyzer.clamp(dense), margin, agreement, docs, passageCoverage(question, analysis, cited),
                analysis.coverage());
    }

    /**
     * The share of the question's names (weight 2) and terms (weight 1) that the best single cited passage
     * holds: a question about "the capital of France" over contracts finds "capital" somewhere and "France"
     * elsewhere, but never a passage about both.
     */
    public static double passageCoverage(String question, QuestionAnalysis analysis, List<Passage> cited) {
        double best = 0;
        Map<Long, Set<String>> stemsByChunk = new HashMap<>();
        for (Passage p : cited) {
            Set<String> stems = stemsByChunk.computeIfAbsent(p.chunkId(), id -> Terms.stems(p.text()));
            String norm = Terms.normalise(p.text());
            double found = 0, all = 0;
            for (String e : analysis.entities()) {
                all += 2;
                if (norm.contains(Terms.normalise(e))) found += 2;
                else if (Terms.content(e).stream().allMatch(w -> stems.contains(Terms.stem(w)))) found += 1;
            }
            for (String t : analysis.terms()) {
                all += 1;
                if (stems.contains(Terms.stem(t))
                        || (t.indexOf('-') > 0 && QuestionAnalyzer.parts(t).stream().skip(1).allMatch(w -> stems.contains(Terms.stem(w))))) {
                    found += 1;
                }
            }
            if (all > 0) best = Math.max(best, found / all);
        }
        return best;
    }

    private static double round(double v) {
        return QuestionAnalyzer.round(v);
    }
}
