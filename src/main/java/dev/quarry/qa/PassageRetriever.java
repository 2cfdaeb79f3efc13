package dev.quarry.qa;

import java.util.List;

/**
 * Finds the passages of a matter that best answer a question, best first. The hybrid search of
 * {@code dev.quarry.retrieval} plugs in here; {@link KeywordFallbackRetriever} stands in until it does.
 */
public interface PassageRetriever {
    List<Passage> retrieve(String question, int k);
}
