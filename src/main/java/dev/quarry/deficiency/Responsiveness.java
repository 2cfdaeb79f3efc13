package dev.quarry.deficiency;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.evidence.Answer;
import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.Quote;
import dev.quarry.evidence.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Judges documents against a request's tests with the shared {@link Evidence} engine: one answer per
 * document and criterion (the agreement's date, its governing law, each clause the request names), cached
 * for the whole analysis, so a clause two requests share is asked once. A party is matched on the
 * document's own text (names compared as {@link Parties} does). The cheap tests run first; a document that
 * already fails one is not asked about its clauses.
 */
final class Responsiveness {
    /** A probability of responsiveness at or above this counts as responsive. */
    static final double RESPONSIVE = 0.5;
    /** A clause answer's probability of "yes" from which the clause counts as present (tuned on the dev scenarios as a whole). */
    static final double CLAUSE_YES = Double.parseDouble(System.getProperty("quarry.deficiency.clause_yes", "0.3"));
    /** Below this after the filters, the clauses are not asked. */
    private static final double HOPELESS = 0.2;

    /** One document of the sets under review. */
    record Doc(long id, String text, List<Page> pages) {}

    record Page(int number, long startChar, String bates) {}

    /** A document's call for one request: the probability it is responsive and the passage that shows it. */
    record Call(long documentId, double probability, String quote, int page, long startChar, long endChar, Long chunkId, String why) {}

    static final Criterion DATE = dev.quarry.evidence.FieldTemplates.criterion("agreement_date", ValueType.DATE);
    static final Criterion EFFECTIVE = dev.quarry.evidence.FieldTemplates.criterion("effective_date", ValueType.DATE);
    static final Criterion LAW = dev.quarry.evidence.FieldTemplates.criterion("governing_law", ValueType.TEXT);

    private final Evidence evidence;
    private final Evidence.Mode mode;
    private final CancelToken cancel;
    private final Map<Long, Doc> docs;
    private final Map<String, Map<Long, Answer>> cache = new HashMap<>();
    private final ClauseCriteria clauses;

    Responsiveness(Evidence evidence, Evidence.Mode mode, CancelToken cancel, Map<Long, Doc> docs, ClauseCriteria clauses) {
        this.evidence = evidence;
        this.mode = mode;
        this.cancel = cancel == null ? CancelToken.none() : cancel;
        this.docs = docs;
        this.clauses = clauses;
    }

    /** Every document's call for the tests, by document id. */
    Map<Long, Call> judge(RequestCriteria c) {
        Map<Long, Double> p = new HashMap<>();
        Map<Long, Call> best = new HashMap<>();
        for (long id : docs.keySet()) p.put(id, 1.0);
        if (c.empty()) {
            for (long id : docs.keySet()) best.put(id, new Call(id, 0.9, null, 1, 0, 0, null, "every agreement"));
            return best;
        }
        if (c.party() != null) {
            for (Doc d : docs.values()) {
                int[] at = Parties.find(d.text(), c.party());
                if (at == null) {
                    p.put(d.id(), 0.03);
                } else {
                    p.put(d.id(), 0.97);
                    best.put(d.id(), passage(d, at[0], at[1], "names " + c.party()));
                }
            }
        }
        if (c.governingLaw() != null) {
            Map<Long, Answer> law = ask(LAW, alive(p));
            Pattern want = Pattern.compile("(?i)(?<![\\p{L}])" + Pattern.quote(c.governingLaw().strip()) + "(?![\\p{L}])");
            for (var e : law.entrySet()) {
                Answer a = e.getValue();
                double q;
                if (a.outcome() == Answer.Outcome.VALUE) {
                    String v = (a.value() == null ? "" : a.value()) + " " + (a.rawValue() == null ? "" : a.rawValue());
                    q = want.matcher(v).find() ? Math.max(0.55, a.confidence()) : Math.min(0.45, 1 - a.confidence());
                } else {
                    q = a.outcome() == Answer.Outcome.ERROR ? 0.3 : 0.05;
                }
                combine(p, best, e.getKey(), q, a, "governed by " + c.governingLaw());
            }
        }
        if (c.dated()) {
            List<Long> datedIds = alive(p);
            Map<Long, Answer> dates = new HashMap<>(ask(DATE, datedIds));
            List<Long> undated = new ArrayList<>();
            for (long id : datedIds) if (!hasYear(dates.get(id))) undated.add(id);
            if (!undated.isEmpty()) {
                for (var e : ask(EFFECTIVE, undated).entrySet()) if (hasYear(e.getValue())) dates.put(e.getKey(), e.getValue());
            }
            for (var e : dates.entrySet()) {
                Answer a = e.getValue();
                double q = 0.05;
                if (a.outcome() == Answer.Outcome.VALUE && a.value() != null && a.value().matches("^\\d{4}.*")) {
                    int y = Integer.parseInt(a.value().substring(0, 4));
                    boolean in = (c.yearFrom() == null || y >= c.yearFrom()) && (c.yearTo() == null || y <= c.yearTo());
                    q = in ? Math.max(0.55, a.confidence()) : Math.min(0.45, 1 - a.confidence());
                }
                combine(p, best, e.getKey(), q, a, "dated " + (a.value() == null ? "?" : a.value()));
            }
        }
        if (!c.clauses().isEmpty()) {
            List<Long> ids = alive(p);
            Map<Long, Double> clauseP = new HashMap<>();
            Map<Long, Answer> clauseA = new HashMap<>();
            boolean first = true;
            for (String phrase : c.clauses()) {
                Map<Long, Answer> got = new HashMap<>();
                for (Criterion cr : clauses.criteria(phrase)) {
                    // Any of the templates a phrase names will do: keep each document's most positive answer.
                    for (var e : ask(cr, ids).entrySet()) {
                        Answer prev = got.get(e.getKey());
                        if (prev == null || yes(e.getValue()) > yes(prev)) got.put(e.getKey(), e.getValue());
                    }
                }
                for (long id : ids) {
                    Answer a = got.get(id);
                    double q = a == null ? 0 : yes(a);
                    Double prev = clauseP.get(id);
                    double merged = prev == null ? q : c.matchAll() ? Math.min(prev, q) : Math.max(prev, q);
                    if (prev == null || (c.matchAll() ? q < prev : q > prev) || (clauseA.get(id) == null && a != null && a.quote() != null)) {
                        if (a != null && (a.quote() != null || clauseA.get(id) == null)) clauseA.put(id, a);
                    }
                    clauseP.put(id, merged);
                }
                first = false;
            }
            for (long id : ids) {
                double q = clauseP.getOrDefault(id, 0.0);
                // The engine's offline "no" is often a near miss: a clause answer at or above CLAUSE_YES counts as yes.
                q = q >= CLAUSE_YES ? Math.max(q, 0.6) : Math.min(q, 0.4);
                combine(p, best, id, q, clauseA.get(id), String.join(c.matchAll() ? " and " : " or ", c.clauses()));
            }
        }
        Map<Long, Call> out = new HashMap<>();
        for (long id : docs.keySet()) {
            double q = p.get(id);
            Call b = best.get(id);
            out.put(id, b == null ? new Call(id, q, null, 1, 0, 0, null, null)
                    : new Call(id, q, b.quote(), b.page(), b.startChar(), b.endChar(), b.chunkId(), b.why()));
        }
        return out;
    }

    private static boolean hasYear(Answer a) {
        return a != null && a.outcome() == Answer.Outcome.VALUE && a.value() != null && a.value().matches("^\\d{4}.*");
    }

    /** The probability that a BOOLEAN answer means "it says so". */
    static double yes(Answer a) {
        if (a.outcome() == Answer.Outcome.VALUE) {
            boolean y = a.value() != null && a.value().toLowerCase(Locale.ROOT).startsWith("y");
            return y ? a.confidence() : 1 - a.confidence();
        }
        if (a.outcome() == Answer.Outcome.NOT_STATED) return Math.min(0.45, 1 - a.confidence());
        return 0.3;
    }

    private void combine(Map<Long, Double> p, Map<Long, Call> best, long id, double q, Answer a, String why) {
        p.merge(id, q, Math::min);
        if (a != null && a.quote() != null && a.quote().verified() && q >= RESPONSIVE) {
            Quote qt = a.quote();
            // The clause's quote is the strongest evidence; it replaces a filter's.
            best.put(id, new Call(id, q, qt.text(), qt.page(), qt.startChar(), qt.endChar(), qt.chunkId(), why));
        }
    }

    private List<Long> alive(Map<Long, Double> p) {
        List<Long> out = new ArrayList<>();
        for (var e : p.entrySet()) if (e.getValue() >= HOPELESS) out.add(e.getKey());
        java.util.Collections.sort(out);
        return out;
    }

    private Map<Long, Answer> ask(Criterion c, List<Long> ids) {
        String key = c.name() + "\u0000" + c.instructions() + "\u0000" + c.queries();
        Map<Long, Answer> have = cache.computeIfAbsent(key, k -> new HashMap<>());
        List<Long> need = new ArrayList<>();
        for (long id : ids) if (!have.containsKey(id)) need.add(id);
        if (!need.isEmpty()) {
            cancel.throwIfCancelled();
            for (Answer a : evidence.askEach(need, c, mode, cancel)) have.put(a.documentId(), a);
            cancel.throwIfCancelled();
        }
        Map<Long, Answer> out = new HashMap<>();
        for (long id : ids) if (have.containsKey(id)) out.put(id, have.get(id));
        return out;
    }

    /** A passage of a document around a span: the sentence or line it stands in. */
    static Call passage(Doc d, int start, int end, String why) {
        String t = d.text();
        int s = start, e = end;
        while (s > 0 && start - s < 160 && t.charAt(s - 1) != '\n' && t.charAt(s - 1) != '\f') s--;
        while (e < t.length() && e - end < 160 && t.charAt(e) != '\n' && t.charAt(e) != '\f') e++;
        int page = 1;
        for (Page pg : d.pages()) if (pg.startChar() <= start) page = pg.number();
        return new Call(d.id(), 0.97, t.substring(s, e).strip(), page, s, e, null, why);
    }
}
