package dev.quarry.retrieval;

import dev.quarry.core.QuarryException;

/**
 * A keyword-mode search whose text is not valid search syntax: a usage error (the command line exits 2),
 * said in one sentence. Hybrid mode instead searches the words as plain words and says so on the result.
 */
public final class KeywordSyntaxException extends QuarryException {
    public KeywordSyntaxException(String query, String problem) {
        // The query is not echoed: the reviewer just typed it, and its own quotes inside ours read badly.
        super("The keyword search could not be read: " + problem + ".", "query: " + query, null);
    }
}
