package dev.quarry.app;

import dev.quarry.qa.Passage;
import dev.quarry.qa.PassageRetriever;
import dev.quarry.qa.TermLookup;
import dev.quarry.retrieval.Retrieval;
import dev.quarry.retrieval.SearchFilter;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchService;
import java.util.List;

/**
 * Q&A's retriever backed by the matter's hybrid search (dense + BM25, fused). A passage's relevance is
 * its cosine similarity when the dense side found it, else its BM25 score squashed into 0..1, so that
 * citations show a figure a reader can compare across answers.
 */
public final class HybridPassageRetriever implements PassageRetriever, TermLookup {
    private final Retrieval retrieval;

    public HybridPassageRetriever(Retrieval retrieval) {
        this.retrieval = retrieval;
    }

    /** Keyword-search syntax characters; a question is words, so "fee?" must not become a wildcard. */
    private static final String SYNTAX = "[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]";

    @Override
    public List<Passage> retrieve(String question, int k) {
        String words = question.replaceAll(SYNTAX, " ").replaceAll("\\b(AND|OR|NOT)\\b", " ").strip();
        if (words.isEmpty()) return List.of();
        // No snippets: Q&A quotes the chunk text itself, and highlighting was a fifth of a question's time.
        return retrieval.search(words, SearchService.Mode.HYBRID, k, SearchFilter.NONE, false).stream()
                .map(HybridPassageRetriever::passage).toList();
    }

    static Passage passage(SearchHit h) {
        return new Passage(h.chunkId(), h.documentId(), h.fileName(), h.page(), h.bates(), h.startChar(), h.endChar(),
                h.text(), relevance(h), h.originalName(), h.denseScore(), h.denseRank(), h.keywordScore(), h.keywordRank());
    }

    static double relevance(SearchHit h) {
        if (h.denseScore() != null) return Math.max(0, Math.min(1, h.denseScore()));
        double bm25 = h.keywordScore() == null ? 0 : h.keywordScore();
        return bm25 / (bm25 + 5.0);
    }

    /** Whether the words occur together anywhere in the matter: a phrase query on the keyword index. */
    @Override
    public boolean occurs(String termOrPhrase) {
        String cleaned = termOrPhrase.replaceAll("[\"\\\\]", " ").strip();
        if (cleaned.isEmpty()) return false;
        // The ranking alone: no snippet and no database read, since only "any hit?" matters here.
        return !retrieval.keywords().rank("\"" + cleaned + "\"", 1, SearchFilter.NONE).isEmpty();
    }
}
