package dev.quarry.qa;

import java.util.List;

/**
 * Finds the passages of a matter that best answer a question, best first. The app and the command line
 * plug the matter's hybrid search in here ({@code dev.quarry.app.HybridPassageRetriever}); tests use
 * small in-memory retrievers.
 */
public interface PassageRetriever {
    List<Passage> retrieve(String question, int k);
}
