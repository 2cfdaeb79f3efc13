package dev.quarry.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Dense, keyword and hybrid search over one matter. Hybrid fuses the two rankings by reciprocal rank
 * fusion (score = Σ 1/(60 + rank)), which needs no score calibration between cosine and BM25;
 * docs/adr/0008-hybrid-fusion.md has the measurements behind the choice.
 */
public final class SearchService {
    public enum Mode {
        HYBRID, DENSE, KEYWORD;

        public static Mode of(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    static final int RRF_K = 60;
    /**
     * Weight of the document prior in hybrid search: each chunk gains this share of a top rank in both
     * lists (2 / (RRF_K + 1)), scaled by how well its document's best chunk scored against the best of all.
     * Measured on CUAD dev (docs/adr/0008-hybrid-fusion.md).
     */
    static final double DOCUMENT_WEIGHT = 2.0;
    /**
     * Weight of the best document's own ranking in hybrid search ({@link KeywordIndex#withinDocument}), fused as
     * a third list: its chunk at rank r gains this times 1 / (RRF_K + r). Measured on the CUAD dev slice as a
     * whole (weights 4, 8, 16: recall@4 0.511, 0.522, 0.529 against 0.478 without; docs/adr/0017-within-document-ranking.md).
     */
    static final double WITHIN_DOCUMENT_WEIGHT = Double.parseDouble(System.getProperty("quarry.search.within_document_weight", "8"));
    /** How deep each ranking goes into the fusion, at least: twice the hits asked for when that is more. */
    public static final int FUSION_DEPTH = 100;
    /** A filter that leaves fewer chunks than this is searched exactly, without the graph. */
    static final int EXACT_BELOW = 20_000;

    private final ChunkStore chunks;
    private final Embedder embedder;
    private final VectorIndex vectors;
    private final KeywordIndex keywords;
    private final Executor keywordRanking;

    /** Hybrid search runs its two rankings one after the other. */
    public SearchService(ChunkStore chunks, Embedder embedder, VectorIndex vectors, KeywordIndex keywords) {
        this(chunks, embedder, vectors, keywords, null);
    }

    /**
     * @param keywordRanking where hybrid search runs BM25 while the calling thread embeds the query and
     *                       searches the graph (null: one after the other)
     */
    public SearchService(ChunkStore chunks, Embedder embedder, VectorIndex vectors, KeywordIndex keywords, Executor keywordRanking) {
        this.chunks = chunks;
        this.embedder = embedder;
        this.vectors = vectors;
        this.keywords = keywords;
        this.keywordRanking = keywordRanking;
    }

    public List<SearchHit> search(String query, Mode mode, int k, SearchFilter filter) {
        return search(query, mode, k, filter, true);
    }

    /**
     * The hits alone, for measurement and Q&A: keyword text that is not valid syntax is searched as plain
     * words in every mode, as a natural-language question must be. A reviewer's search is {@link #find}.
     *
     * @param snippets whether keyword hits get a highlighted snippet (Q&A reads the chunk text and needs none)
     */
    public List<SearchHit> search(String query, Mode mode, int k, SearchFilter filter, boolean snippets) {
        return run(query, mode, k, filter, snippets, false).hits();
    }

    /**
     * A reviewer's search: the hits and a notice when the keyword part matched nothing or was not valid
     * syntax (hybrid then searches its words as plain words). In keyword mode invalid syntax is an error.
     *
     * @throws KeywordSyntaxException in keyword mode, when the query is not valid keyword syntax
     */
    public SearchResult find(String query, Mode mode, int k, SearchFilter filter, boolean snippets) {
        return run(query, mode, k, filter, snippets, true);
    }

    private SearchResult run(String query, Mode mode, int k, SearchFilter filter, boolean snippets, boolean strict) {
        SearchFilter f = filter == null ? SearchFilter.NONE : filter;
        int depth = mode == Mode.HYBRID ? fusionDepth(k) : k;
        KeywordIndex.Parsed parsed = mode == Mode.DENSE ? null : keywords.read(query);
        if (strict && mode == Mode.KEYWORD && !parsed.understood()) throw new KeywordSyntaxException(query, parsed.problem());
        List<KeywordIndex.Hit> keyword;
        List<VectorIndex.Hit> dense;
        if (mode == Mode.HYBRID && keywordRanking != null) {
            // The query session runs on one thread, so BM25 gets the other core: hybrid costs the slower of
            // the two rankings instead of their sum (docs/BENCHMARKS.md, bench search --compare overlap).
            CompletableFuture<List<KeywordIndex.Hit>> ranking = CompletableFuture.supplyAsync(() -> keywords.rank(parsed, depth, f), keywordRanking);
            try {
                dense = dense(query, depth, f);
            } catch (RuntimeException e) {
                ranking.cancel(false);
                throw e;
            }
            keyword = join(ranking);
        } else {
            keyword = mode == Mode.DENSE ? List.of() : keywords.rank(parsed, depth, f);
            dense = mode == Mode.KEYWORD ? List.of() : dense(query, depth, f);
        }
        return new SearchResult(assemble(query, snippets, mode, k, dense, keyword), mode,
                parsed == null ? null : parsed.problem(), !keyword.isEmpty());
    }

    /** The keyword ranking's result, or its own exception (a query the parser cannot read, a damaged index). */
    private static List<KeywordIndex.Hit> join(CompletableFuture<List<KeywordIndex.Hit>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Each ranking's depth for a hybrid search of {@code k} hits. */
    public static int fusionDepth(int k) {
        return Math.max(FUSION_DEPTH, 2 * k);
    }

    private List<VectorIndex.Hit> dense(String query, int n, SearchFilter f) {
        float[] q = embedder.embedQuery(query);
        if (f.isEmpty()) return vectors.search(q, n);
        Set<Long> allowed = chunks.allowed(f);
        if (allowed.size() < EXACT_BELOW) return vectors.exact(q, allowed, n);
        return vectors.search(q, n, allowed::contains, (double) allowed.size() / Math.max(1, chunks.countChunks()));
    }

    /** @param snippet whether to highlight snippets of the keyword hits for the query */
    private List<SearchHit> assemble(String queryText, boolean snippet, Mode mode, int k, List<VectorIndex.Hit> dense, List<KeywordIndex.Hit> keyword) {
        String query = snippet ? queryText : null;
        Map<Long, double[]> fused = new LinkedHashMap<>(); // chunk -> {score, denseScore, denseRank, kwScore, kwRank}
        for (int i = 0; i < dense.size(); i++) {
            double[] s = fused.computeIfAbsent(dense.get(i).chunkId(), id -> empty());
            s[1] = dense.get(i).score();
            s[2] = i + 1;
        }
        for (int i = 0; i < keyword.size(); i++) {
            double[] s = fused.computeIfAbsent(keyword.get(i).chunkId(), id -> empty());
            s[3] = keyword.get(i).score();
            s[4] = i + 1;
        }
        for (double[] s : fused.values()) {
            s[0] = switch (mode) {
                case DENSE -> s[1];
                case KEYWORD -> s[3];
                case HYBRID -> (s[2] > 0 ? 1.0 / (RRF_K + s[2]) : 0) + (s[4] > 0 ? 1.0 / (RRF_K + s[4]) : 0);
            };
        }
        if (mode == Mode.HYBRID && !fused.isEmpty()) {
            Map<Long, Long> documentOf = documentsOf(fused.keySet());
            addDocumentPrior(fused, documentOf);
            addWithinDocument(fused, documentOf, queryText);
        }
        List<Map.Entry<Long, double[]>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<Long, double[]> e) -> -e.getValue()[0]).thenComparingLong(Map.Entry::getKey));
        if (ranked.size() > k) ranked = ranked.subList(0, k);
        Map<Long, ChunkStore.ChunkView> views = chunks.views(ranked.stream().map(Map.Entry::getKey).toList());
        // Snippets only for the hits shown: highlighting all of the fusion depth would cost more than the search.
        Map<Long, String> snippets = Map.of();
        if (query != null) {
            Map<Long, String> matchedTexts = new HashMap<>();
            for (Map.Entry<Long, double[]> e : ranked) {
                if (e.getValue()[4] > 0 && views.containsKey(e.getKey())) matchedTexts.put(e.getKey(), views.get(e.getKey()).text());
            }
            snippets = keywords.highlight(query, matchedTexts);
        }
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (Map.Entry<Long, double[]> e : ranked) {
            ChunkStore.ChunkView v = views.get(e.getKey());
            if (v == null) continue; // deleted since the index was built
            double[] s = e.getValue();
            out.add(new SearchHit(out.size() + 1, v.chunkId(), v.documentId(), v.fileName(), v.page(), v.bates(),
                    v.docStartChar(), v.docEndChar(), s[0], s[2] > 0 ? s[1] : null, s[2] > 0 ? (int) s[2] : null,
                    s[4] > 0 ? s[3] : null, s[4] > 0 ? (int) s[4] : null, v.text(), snippets.get(v.chunkId()), v.originalName()));
        }
        return out;
    }

    /**
     * Each candidate's document: from the keyword index, which holds every parsed chunk; the database
     * answers for any it does not hold yet (a chunk stored since the index last caught up).
     */
    private Map<Long, Long> documentsOf(Set<Long> ids) {
        Map<Long, Long> docs = keywords.documentsOf(ids);
        if (docs.size() < ids.size()) {
            List<Long> missing = ids.stream().filter(id -> !docs.containsKey(id)).toList();
            docs.putAll(chunks.documentsOf(missing));
        }
        return docs;
    }

    /**
     * Lifts each chunk by its document's best fused score (relative to the best of all): passages of the
     * document that answers best come before look-alike passages of others, while the order of the
     * documents' best chunks, and so the first hit, stays as fusion put them.
     */
    static void addDocumentPrior(Map<Long, double[]> fused, Map<Long, Long> documentOf) {
        if (fused.isEmpty()) return;
        Map<Long, Double> best = new HashMap<>();
        double top = 0;
        for (Map.Entry<Long, double[]> e : fused.entrySet()) {
            Long doc = documentOf.get(e.getKey());
            if (doc == null) continue;
            best.merge(doc, e.getValue()[0], Math::max);
            top = Math.max(top, e.getValue()[0]);
        }
        if (top <= 0) return;
        double lift = DOCUMENT_WEIGHT * 2.0 / (RRF_K + 1);
        for (Map.Entry<Long, double[]> e : fused.entrySet()) {
            Long doc = documentOf.get(e.getKey());
            if (doc != null) e.getValue()[0] += lift * best.get(doc) / top;
        }
    }

    /**
     * The best document's chunks ranked within it ({@link KeywordIndex#withinDocument}) join the fusion as a third
     * list, so a question naming one contract gets that contract's places that answer, not its preamble and
     * the preamble's neighbours. Chunks of it that neither ranking reached can join too.
     */
    private void addWithinDocument(Map<Long, double[]> fused, Map<Long, Long> documentOf, String queryText) {
        if (WITHIN_DOCUMENT_WEIGHT <= 0 || queryText == null || queryText.isBlank()) return;
        Long best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Long, double[]> e : fused.entrySet()) {
            if (e.getValue()[0] > top || e.getValue()[0] == top && best != null && e.getKey() < best) {
                top = e.getValue()[0];
                best = e.getKey();
            }
        }
        Long doc = best == null ? null : documentOf.get(best);
        if (doc == null) return;
        List<Long> within = keywords.withinDocument(queryText, doc);
        for (int r = 0; r < within.size(); r++) {
            fused.computeIfAbsent(within.get(r), id -> empty())[0] += WITHIN_DOCUMENT_WEIGHT / (RRF_K + r + 1);
        }
    }

    private static double[] empty() {
        return new double[5];
    }
}
