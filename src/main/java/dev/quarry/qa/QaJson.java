package dev.quarry.qa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of an answer, shared by the command line, history and its export (snake_case, stable keys). */
public final class QaJson {
    private QaJson() {}

    public static Map<String, Object> of(QaResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("query_id", r.queryId());
        o.put("question", r.question());
        o.put("answer", r.answer());
        o.put("answer_type", r.answerType().db());
        o.put("confidence", r.confidence());
        o.put("confidence_breakdown", r.confidenceBreakdown());
        List<Map<String, Object>> cites = new ArrayList<>();
        for (Citation c : r.citations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", c.rank());
            m.put("document_id", c.documentId());
            m.put("file_name", c.fileName());
            m.put("original_name", c.originalName());
            m.put("page", c.page());
            m.put("bates", c.bates());
            m.put("preview", c.preview());
            m.put("score", c.score());
            m.put("chunk_id", c.chunkId());
            m.put("doc_start_char", c.docStartChar());
            m.put("doc_end_char", c.docEndChar());
            m.put("cited", c.cited());
            m.put("verified", c.verified());
            cites.add(m);
        }
        o.put("citations", cites);
        o.put("suggestions", r.suggestions());
        o.put("flagged_for_review", r.flaggedForReview());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("retrieval_ms", r.retrievalMs());
        timings.put("llm_ms", r.llmMs());
        timings.put("total_ms", r.totalMs());
        o.put("timings", timings);
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("input", r.tokensInput());
        tokens.put("output", r.tokensOutput());
        o.put("tokens", tokens);
        o.put("model", r.model());
        o.put("provider", r.provider());
        o.put("cache_hit", r.cacheHit());
        o.put("redacted", r.redacted());
        o.put("retry_count", r.retryCount());
        o.put("error_type", r.errorType());
        o.put("analysis", r.analysis());
        o.put("matter_coverage", r.coverage());
        o.put("verification", r.verification());
        o.put("created_at", r.createdAt());
        if (r.reviewed() != null) {
            // answer_type "reviewed": the answer is the one a reviewer recorded for this question, given again.
            Map<String, Object> rv = new LinkedHashMap<>();
            rv.put("review_of", r.reviewed().reviewOf());
            rv.put("reviewer", r.reviewed().reviewer());
            rv.put("reviewed_at", r.reviewed().resolvedAt());
            o.put("reviewed", rv);
        } else {
            o.put("reviewed", null);
        }
        if (r.feedback() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rating", r.feedback().rating());
            f.put("comment", r.feedback().comment());
            f.put("updated_at", r.feedback().updatedAt());
            o.put("feedback", f);
        } else {
            o.put("feedback", null);
        }
        return o;
    }
}
