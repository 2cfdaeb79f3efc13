package dev.quarry.app;

import dev.quarry.core.Matter;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.llm.LlmConfig;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmProvider;
import dev.quarry.qa.AnswerType;
import dev.quarry.qa.Citation;
import dev.quarry.qa.ConfidenceMetrics;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.QaService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whether Q&A's confidence means something: every question is answered with the real pipeline, and its
 * confidence is set against whether an answer's cited passage overlaps a gold span of the right document
 * (QaBench's rule). Reports AUROC, a reliability table and the review threshold the rule in
 * {@link ConfidenceMetrics#threshold} gives; off-topic questions are asked too and counted as caught when
 * refused (insufficient evidence) or flagged for review.
 *
 * <p>Run it on a copy of the matter: every question is stored in its history.
 */
public final class ConfidenceEval {
    private ConfidenceEval() {}

    /** The review threshold rule: the highest confidence below which fewer than a third of the answers are right. */
    public static final double RULE_MAX_SHARE_RIGHT = 1.0 / 3;
    /** ... taking only thresholds with at least this share of the answers below them (not a handful). */
    public static final double RULE_MIN_SHARE_BELOW = 0.05;

    /** One answered dev question, as the evaluation saw it. */
    public record Row(int index, String question, String answerType, double confidence, boolean right, boolean flagged,
                      Map<String, Double> breakdown, List<Map<String, Object>> candidates) {}

    /**
     * @param offline  extractive answers (no model); else the local instant model of {@code bench ask}
     * @param indexes  which tests to ask (their positions in the file)
     */
    public static Map<String, Object> run(MatterSession session, List<QaBench.Test> tests, List<Integer> indexes, boolean offline,
                                          List<String> offTopic, List<Row> rows, boolean raw, Consumer<String> progress)
            throws IOException {
        Matter matter = session.matter();
        Map<String, Long> idByName = new HashMap<>();
        for (DocumentSummary d : session.documents().listAll()) idByName.putIfAbsent(d.fileName(), d.id());
        QaBench.InstantServer server = offline ? null : QaBench.InstantServer.start();
        try {
            LlmGateway gateway = null;
            if (server != null) {
                matter.settings().put(dev.quarry.llm.EgressPolicy.QUERIES_PER_HOUR, "1000000");
                matter.settings().put(dev.quarry.llm.EgressPolicy.TOKENS_PER_DAY, "1000000000");
                gateway = LlmGateway.forMatter(matter, new LlmConfig(LlmProvider.OPENAI, server.baseUrl(), "instant", null));
            }
            HybridPassageRetriever retriever = new HybridPassageRetriever(session.retrieval());
            QaService qa = new QaService(matter, retriever, retriever, gateway);
            QaService.AskOptions options = new QaService.AskOptions(offline, false);
            Map<String, Integer> types = new LinkedHashMap<>();
            int skipped = 0, done = 0, flaggedAll = 0;
            for (int i : indexes) {
                QaBench.Test t = tests.get(i);
                if (t.gold().stream().noneMatch(g -> idByName.containsKey(g.fileName()))) {
                    skipped++;
                    continue;
                }
                QaResult r = qa.ask(t.query(), options);
                types.merge(r.answerType().db(), 1, Integer::sum);
                if (r.flaggedForReview()) flaggedAll++;
                List<Citation> cited = r.citations().stream().filter(Citation::cited).toList();
                rows.add(new Row(i, t.query(), r.answerType().db(), r.confidence(), QaBench.overlaps(cited, t, idByName),
                        r.flaggedForReview(), r.confidenceBreakdown(), raw ? candidates(retriever, t, r, idByName) : null));
                if (++done % 100 == 0) progress.accept("confidence: " + done + "/" + indexes.size() + " questions");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mode", offline ? "extractive" : "instant model");
            out.put("questions", done);
            out.put("skipped_gold_not_in_matter", skipped);
            out.put("answer_types", types);
            int insufficient = types.getOrDefault(AnswerType.INSUFFICIENT_EVIDENCE.db(), 0);
            out.put("refused_share", done == 0 ? 0 : round((double) insufficient / done));
            out.put("flagged_share", done == 0 ? 0 : round((double) flaggedAll / done));
            out.putAll(summary(rows));
            // Fit on one half, report on the other: both halves' figures side by side when both were asked.
            List<Row> even = rows.stream().filter(r -> r.index() % 2 == 0).toList();
            List<Row> odd = rows.stream().filter(r -> r.index() % 2 == 1).toList();
            if (!even.isEmpty() && !odd.isEmpty()) {
                Map<String, Object> halves = new LinkedHashMap<>();
                halves.put("even", summary(even));
                halves.put("odd", summary(odd));
                out.put("by_half", halves);
            }
            if (!offTopic.isEmpty()) out.put("off_topic", offTopic(qa, options, offTopic));
            if (server != null) out.put("model_server_requests", server.requests());
            return out;
        } finally {
            if (server != null) server.close();
        }
    }

    /** AUROC, reliability and the threshold rule over the answers that cite something (refusals cite nothing). */
    public static Map<String, Object> summary(List<Row> rows) {
        List<Row> answered = rows.stream().filter(r -> !r.answerType().equals(AnswerType.INSUFFICIENT_EVIDENCE.db())
                && !r.answerType().equals(AnswerType.REVIEWED.db())).toList();
        double[] scores = new double[answered.size()];
        boolean[] right = new boolean[answered.size()];
        int ok = 0, flagged = 0, flaggedRight = 0;
        for (int i = 0; i < answered.size(); i++) {
            scores[i] = answered.get(i).confidence();
            right[i] = answered.get(i).right();
            if (right[i]) ok++;
            if (answered.get(i).flagged()) {
                flagged++;
                if (right[i]) flaggedRight++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answers_with_citations", answered.size());
        out.put("share_right", answered.isEmpty() ? null : round((double) ok / answered.size()));
        double auroc = ConfidenceMetrics.auroc(scores, right);
        out.put("auroc", Double.isNaN(auroc) ? null : round(auroc));
        List<Map<String, Object>> table = new ArrayList<>();
        for (ConfidenceMetrics.Bin b : ConfidenceMetrics.reliability(scores, right, 10)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", b.from());
            m.put("to", b.to());
            m.put("count", b.count());
            m.put("share_right", b.share());
            table.add(m);
        }
        out.put("reliability", table);
        out.put("flagged_answers", flagged);
        out.put("flagged_answers_right", flaggedRight);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("rule", "highest t (steps of 0.05) with fewer than a third of the answers below t right, and at least "
                + (int) (RULE_MIN_SHARE_BELOW * 100) + "% of answers below t");
        rule.put("threshold", ConfidenceMetrics.threshold(scores, right, RULE_MAX_SHARE_RIGHT,
                (int) Math.ceil(RULE_MIN_SHARE_BELOW * answered.size())));
        out.put("threshold_rule", rule);
        return out;
    }

    /** What retrieval returned for the question, candidate by candidate, for exploring new signals (--details). */
    private static List<Map<String, Object>> candidates(HybridPassageRetriever retriever, QaBench.Test t, QaResult r,
                                                        Map<String, Long> idByName) {
        List<Map<String, Object>> out = new ArrayList<>();
        java.util.Set<Long> goldDocs = new java.util.HashSet<>();
        for (QaBench.Gold g : t.gold()) if (idByName.containsKey(g.fileName())) goldDocs.add(idByName.get(g.fileName()));
        for (dev.quarry.qa.Passage p : retriever.retrieve(t.query(), 8)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("doc", p.documentId());
            m.put("dense", p.denseScore());
            m.put("dense_rank", p.denseRank());
            m.put("keyword", p.keywordScore());
            m.put("keyword_rank", p.keywordRank());
            m.put("coverage", r.analysis() == null ? null : dev.quarry.qa.Confidence.passageCoverage(t.query(), r.analysis(), List.of(p)));
            m.put("gold_doc", goldDocs.contains(p.documentId()));
            Citation c = new Citation(0, p.chunkId(), p.documentId(), null, null, null, p.docStartChar(), p.docEndChar(), "", 0, true, true);
            m.put("gold", QaBench.overlaps(List.of(c), t, idByName));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> offTopic(QaService qa, QaService.AskOptions options, List<String> questions) {
        List<Map<String, Object>> each = new ArrayList<>();
        int caught = 0;
        for (String q : questions) {
            QaResult r = qa.ask(q, options);
            boolean refused = r.answerType() == AnswerType.INSUFFICIENT_EVIDENCE;
            if (refused || r.flaggedForReview()) caught++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("question", q);
            m.put("answer_type", r.answerType().db());
            m.put("confidence", r.confidence());
            m.put("flagged_for_review", r.flaggedForReview());
            m.put("reason", r.analysis() == null ? null : r.analysis().reason());
            m.put("confidence_breakdown", r.confidenceBreakdown());
            m.put("suggestions", r.suggestions());
            each.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("questions", questions.size());
        out.put("caught", caught);
        out.put("each", each);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
