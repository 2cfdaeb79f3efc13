package dev.quarry.retrieval;

import java.util.List;

/**
 * A search's hits and what it has to say about its keyword part. A reviewer must learn that the keywords
 * matched nothing, or could not be read as syntax, rather than see meaning-only hits as if keywords had
 * been part of them (hybrid) or an unexplained empty list (keyword mode).
 *
 * @param keywordProblem why the keyword text is not valid syntax (then it was searched as plain words), or null
 * @param keywordsMatched whether the keyword ranking found any passage (false in dense mode, where there is none)
 */
public record SearchResult(List<SearchHit> hits, SearchService.Mode mode, String keywordProblem, boolean keywordsMatched) {
    public enum Notice { NONE, KEYWORDS_MATCH_NOTHING, KEYWORDS_READ_AS_WORDS }

    public SearchResult {
        hits = List.copyOf(hits);
    }

    public Notice notice() {
        if (mode == SearchService.Mode.DENSE) return Notice.NONE;
        if (keywordProblem != null) return Notice.KEYWORDS_READ_AS_WORDS;
        return keywordsMatched ? Notice.NONE : Notice.KEYWORDS_MATCH_NOTHING;
    }

    /** The notice as one sentence (the command line prints it; the desktop words it from its bundle), or null. */
    public String noticeText() {
        return switch (notice()) {
            case NONE -> null;
            case KEYWORDS_READ_AS_WORDS -> "The keywords could not be read as search syntax (" + keywordProblem
                    + "), so their words were searched as plain words" + (keywordsMatched ? "." : ", which no passage contains; these hits match by meaning only.");
            case KEYWORDS_MATCH_NOTHING -> mode == SearchService.Mode.HYBRID
                    ? "No passage contains the keywords; these hits match by meaning only."
                    : "No passage contains these keywords.";
        };
    }
}
