package dev.quarry.evidence;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ChunkRecord;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.llm.LlmGateway;
import dev.quarry.retrieval.ChunkStore;
import dev.quarry.retrieval.EmbeddingRepository;
import dev.quarry.retrieval.Embedder;
import dev.quarry.retrieval.KeywordIndex;
import dev.quarry.retrieval.Retrieval;
import dev.quarry.retrieval.SearchFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence engine: for one document and one criterion, the document's passages by hybrid search
 * restricted to that document (BM25 through the keyword index with a document filter, and exact cosine
 * against the document's stored embeddings, fused by reciprocal rank over all of the criterion's queries),
 * then a decision by the typed parsers ({@link OfflineDecider}), by a model through the gateway
 * ({@link ModelExtractor}), or both. Every quote is checked with {@link QuoteCheck} against the chunk it
 * names. Nothing is stored; the same document, criterion and model give the same answer.
 *
 * <p>Thread-safe: a grid may ask from several threads. The criterion's queries are embedded once and kept
 * (with its calibration from reviewed examples) while the criterion is in use; a document's chunks and
 * vectors are kept for the next criteria asked of it.
 */
public final class EvidenceEngine implements Evidence {
    static final int RRF_K = 60;
    /** Keyword hits per query within one document. */
    static final int KEYWORD_DEPTH = 50;
    /** Passages shown as the closest seen (the proof of absence and the model's context). */
    static final int CLOSEST = 5;

    private final Retrieval retrieval;
    private final DocumentRepository documents;
    private final EmbeddingRepository embeddings;
    private final ChunkStore chunkStore;
    private final LlmGateway gateway;
    private final OfflineDecider offline = new OfflineDecider(this);
    private final ModelExtractor model;
    private final Map<Criterion, Prepared> prepared = lru(64);
    private final Map<Long, DocumentPassages> docs = lru(32);

    /** @param gateway the model path, or null for offline only (then LLM and BOTH answer offline, saying why). */
    public EvidenceEngine(Matter matter, Retrieval retrieval, LlmGateway gateway) {
        this.retrieval = retrieval;
        this.documents = new DocumentRepository(matter.db());
        this.embeddings = new EmbeddingRepository(matter.db());
        this.chunkStore = new ChunkStore(matter.db());
        this.gateway = gateway;
        this.model = new ModelExtractor(gateway);
    }

    private static <K, V> Map<K, V> lru(int size) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > size;
            }
        });
    }

    @Override
    public Answer ask(long documentId, Criterion criterion, Mode mode) {
        Prepared p;
        DocumentPassages d;
        try {
            p = prepare(criterion);
            d = document(documentId);
        } catch (RuntimeException e) {
            return error(criterion, documentId, "The document could not be read: " + message(e), null);
        }
        if (d.size() == 0) {
            return new Answer(criterion.name(), documentId, Answer.Outcome.NOT_STATED, null, "", null, 0.5, null,
                    Answer.Method.OFFLINE, true, p.queries(), List.of(), null, null);
        }
        List<Ranked> ranked = rank(d, p);
        Mode m = mode == null ? Mode.OFFLINE : mode;
        if (m == Mode.OFFLINE) return offline.decide(d, p, ranked);
        if (gateway == null || !gateway.available()) {
            Answer off = offline.decide(d, p, ranked);
            if (m == Mode.BOTH) return off; // BOTH without a model is the offline answer alone
            return error(criterion, documentId, gateway == null ? "No language model is configured, so only the offline extractor can answer."
                    : "The offline switch is on or no model is configured, so nothing was sent to a language model.", off);
        }
        Answer llm = model.extract(d, p, ranked, this);
        if (m == Mode.LLM) return llm;
        return combine(offline.decide(d, p, ranked), llm);
    }

    @Override
    public List<Answer> askEach(Collection<Long> documentIds, Criterion criterion, Mode mode, CancelToken cancel) {
        prepare(criterion); // embeds the queries once for all the documents
        List<Answer> out = new ArrayList<>();
        for (long id : documentIds) {
            if (cancel != null && cancel.isCancelled()) break;
            out.add(ask(id, criterion, mode));
        }
        return out;
    }

    /** Both extractors answered: agreement raises the confidence, disagreement sends the answer to review. */
    static Answer combine(Answer off, Answer llm) {
        if (llm.outcome() == Answer.Outcome.ERROR) {
            return new Answer(off.criterion(), off.documentId(), off.outcome(), off.rawValue(), off.value(), off.unit(),
                    off.confidence(), off.quote(), Answer.Method.OFFLINE, true, off.queriesRun(), off.closest(), llm.model(),
                    "The model did not answer (" + llm.error() + "); this is the offline answer alone.", off.margin());
        }
        boolean agree = off.outcome() == llm.outcome() && off.value().equalsIgnoreCase(llm.value());
        if (agree) {
            double c = 1 - (1 - off.confidence()) * (1 - llm.confidence());
            Quote q = llm.quote() != null && llm.quote().verified() ? llm.quote() : off.quote() != null ? off.quote() : llm.quote();
            boolean review = q != null && !q.verified();
            return new Answer(llm.criterion(), llm.documentId(), llm.outcome(), llm.rawValue(), llm.value(), llm.unit(),
                    Math.min(0.99, c), q, Answer.Method.BOTH, review, off.queriesRun(), off.closest(), llm.model(), null, off.margin());
        }
        // Disagreement: the model's answer when its quote verified (it read the passages), else the offline one.
        Answer pick = llm.quote() != null && llm.quote().verified() || llm.outcome() == Answer.Outcome.NOT_STATED && off.quote() == null ? llm : off;
        double c = Math.min(pick.confidence(), 0.5);
        return new Answer(pick.criterion(), pick.documentId(), pick.outcome(), pick.rawValue(), pick.value(), pick.unit(), c,
                pick.quote(), pick.method(), true, off.queriesRun(), off.closest(), llm.model(),
                null, off.margin());
    }

    static Answer error(Criterion c, long documentId, String why, Answer context) {
        return new Answer(c.name(), documentId, Answer.Outcome.ERROR, null, "", null, 0, null, Answer.Method.OFFLINE, true,
                context == null ? List.of() : context.queriesRun(), context == null ? List.of() : context.closest(), null, why);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    // ---------------------------------------------------------------- criteria

    /** A criterion made ready: its queries read and embedded, its key terms, exemplars and calibration. */
    record Prepared(Criterion criterion, List<String> queries, List<KeywordIndex.Parsed> parsed, float[][] queryVectors,
                    List<String> keyTerms, List<Exemplar> positives, Map<String, float[]> categoryVectors,
                    OfflineDecider.Calibration calibration) {}

    /** A reviewed passage that shows the value (a positive example's quote), embedded as a passage. */
    record Exemplar(String value, Long documentId, float[] vector) {}

    Prepared prepare(Criterion c) {
        Prepared p = prepared.get(c);
        if (p != null) return p;
        synchronized (this) {
            p = prepared.get(c);
            if (p != null) return p;
            p = build(c);
            prepared.put(c, p);
            return p;
        }
    }

    private Prepared build(Criterion c) {
        List<String> queries = Queries.of(c);
        Embedder e = retrieval.queryEmbedder();
        KeywordIndex kw = retrieval.keywords();
        List<KeywordIndex.Parsed> parsed = new ArrayList<>();
        float[][] vectors = new float[queries.size()][];
        for (int i = 0; i < queries.size(); i++) {
            parsed.add(kw.read(Queries.keywordForm(queries.get(i))));
            vectors[i] = DocumentPassages.unit(embedQuery(e, Queries.plainWords(queries.get(i))));
        }
        List<Exemplar> positives = new ArrayList<>();
        for (Criterion.Example ex : c.examples()) {
            if (ex.quote() == null || ex.quote().isBlank() || ex.value() == null || ex.value().isBlank()) continue;
            if (c.type() == ValueType.BOOLEAN && !OfflineDecider.yes(ex.value())) continue;
            positives.add(new Exemplar(ex.value(), ex.documentId(), DocumentPassages.unit(embedPassage(retrieval.embedder(), ex.quote()))));
        }
        Map<String, float[]> categories = new LinkedHashMap<>();
        for (String cat : c.categories()) {
            categories.put(cat, DocumentPassages.unit(embedQuery(e, cat + ": " + c.instructions())));
        }
        Prepared draft = new Prepared(c, queries, parsed, vectors, Queries.keyTerms(c), positives, categories, null);
        OfflineDecider.Calibration cal = offline.calibrate(draft);
        return new Prepared(c, queries, parsed, vectors, draft.keyTerms(), positives, categories, cal);
    }

    // ---------------------------------------------------------------- documents

    DocumentPassages document(long documentId) {
        DocumentPassages d = docs.get(documentId);
        if (d != null) return d;
        List<ChunkRecord> chunks = documents.chunks(documentId);
        Embedder e = retrieval.embedder();
        Map<Long, float[]> stored = embeddings.vectors(e.modelId(), chunks.stream().map(ChunkRecord::id).toList());
        float[][] vectors = new float[chunks.size()][];
        for (int i = 0; i < chunks.size(); i++) {
            float[] v = stored.get(chunks.get(i).id());
            // A chunk not embedded yet (embedding left for later) is embedded now, in memory only.
            vectors[i] = DocumentPassages.unit(v != null ? v : embedPassage(e, chunks.get(i).text()));
        }
        Map<Long, String> bates = new HashMap<>();
        for (var v : chunkStore.views(chunks.stream().map(ChunkRecord::id).toList()).values()) {
            if (v.bates() != null) bates.put(v.chunkId(), v.bates());
        }
        d = new DocumentPassages(documentId, chunks, vectors, bates);
        docs.put(documentId, d);
        return d;
    }

    /** One embedding at a time from this engine: a model session's predictor is not promised to be thread-safe. */
    private final Object embedding = new Object();

    private float[] embedPassage(Embedder e, String text) {
        synchronized (embedding) {
            return e.embedPassage(text);
        }
    }

    private float[] embedQuery(Embedder e, String text) {
        synchronized (embedding) {
            return e.embedQuery(text);
        }
    }

    // ---------------------------------------------------------------- search within the document

    /**
     * A chunk of the document as ranked for a criterion: fused score (Σ over queries of the reciprocal
     * ranks in the dense and keyword rankings), its best cosine with any query, and whether it holds a key term.
     */
    record Ranked(int index, double score, double dense, boolean keyword, boolean term) {}

    List<Ranked> rank(DocumentPassages d, Prepared p) {
        int n = d.size();
        double[] fused = new double[n];
        double[] best = new double[n];
        boolean[] keyword = new boolean[n];
        java.util.Arrays.fill(best, -1);
        SearchFilter only = new SearchFilter(Set.of(d.documentId()), null, null, null, null, null);
        Integer[] order = new Integer[n];
        boolean[] term = new boolean[n];
        for (int q = 0; q < p.queries().size(); q++) {
            boolean termQuery = Queries.isTermQuery(p.queries().get(q));
            if (!termQuery) {
                // A description: ranked by meaning too (a term query's syntax means nothing to the model).
                double[] cos = new double[n];
                for (int i = 0; i < n; i++) {
                    cos[i] = DocumentPassages.dot(p.queryVectors()[q], d.vectors()[i]);
                    best[i] = Math.max(best[i], cos[i]);
                    order[i] = i;
                }
                java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -cos[i]).thenComparingInt(i -> i));
                for (int r = 0; r < n; r++) fused[order[r]] += 1.0 / (RRF_K + r + 1);
            }
            List<KeywordIndex.Hit> hits = retrieval.keywords().rank(p.parsed().get(q), KEYWORD_DEPTH, only);
            for (int r = 0; r < hits.size(); r++) {
                int i = d.indexOf(hits.get(r).chunkId());
                if (i < 0) continue;
                fused[i] += 1.0 / (RRF_K + r + 1);
                keyword[i] = true;
                if (termQuery) term[i] = true;
            }
        }
        boolean anyDense = p.queries().stream().anyMatch(q -> !Queries.isTermQuery(q));
        if (!anyDense) {
            // Only term queries: the similarity of a passage is its best with any of them, as words.
            for (int q = 0; q < p.queries().size(); q++) {
                for (int i = 0; i < n; i++) best[i] = Math.max(best[i], DocumentPassages.dot(p.queryVectors()[q], d.vectors()[i]));
            }
        }
        List<Ranked> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Ranked(i, fused[i], best[i], keyword[i], term[i]));
        }
        out.sort(Comparator.comparingDouble((Ranked r) -> -r.score()).thenComparingInt(Ranked::index));
        return out;
    }

    /** The closest passages seen, best first: a "not stated" answer's proof of absence and every answer's context. */
    static List<Answer.Seen> closest(DocumentPassages d, List<Ranked> ranked, int k) {
        List<Answer.Seen> out = new ArrayList<>();
        for (Ranked r : ranked.subList(0, Math.min(k, ranked.size()))) {
            ChunkRecord c = d.chunk(r.index());
            out.add(new Answer.Seen(c.id(), c.pageNumber(), d.bates().get(c.id()), c.docStartChar(), c.docEndChar(), c.text(),
                    Math.round(r.dense() * 1000) / 1000.0));
        }
        return out;
    }

    /**
     * The quote checked verbatim against the chunk it names: located, it gets the document offsets of
     * where it stands; not found, it is kept with {@code verified} false and the chunk's own span.
     */
    static Quote quote(DocumentPassages d, int chunkIndex, String text) {
        ChunkRecord c = d.chunk(chunkIndex);
        var span = QuoteCheck.locate(c.text(), text);
        if (span.isPresent()) {
            return new Quote(text, c.id(), d.documentId(), c.pageNumber(), d.bates().get(c.id()),
                    c.docStartChar() + span.get().start(), c.docStartChar() + span.get().end(), true);
        }
        return new Quote(text, c.id(), d.documentId(), c.pageNumber(), d.bates().get(c.id()), c.docStartChar(), c.docEndChar(), false);
    }

    /**
     * Why the offline decider answered as it did, for measurement and review: the calibration in force and
     * the best passages with their similarity, term evidence and fused rank score.
     */
    public Map<String, Object> explain(long documentId, Criterion criterion) {
        Prepared p = prepare(criterion);
        DocumentPassages d = document(documentId);
        List<Ranked> ranked = rank(d, p);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calibration", p.calibration());
        double bestDense = -1, bestTermDense = -1, bestEx = -1;
        int terms = 0;
        for (Ranked r : ranked) {
            bestDense = Math.max(bestDense, r.dense());
            if (r.term()) {
                terms++;
                bestTermDense = Math.max(bestTermDense, r.dense());
            }
            if (!p.positives().isEmpty()) bestEx = Math.max(bestEx, OfflineDecider.exemplarCos(d, p, r.index()));
        }
        out.put("best_dense", bestDense);
        out.put("best_dense_with_term", bestTermDense);
        out.put("best_exemplar", bestEx);
        out.put("term_passages", terms);
        out.put("passages", d.size());
        return out;
    }

    Retrieval retrieval() {
        return retrieval;
    }
}
