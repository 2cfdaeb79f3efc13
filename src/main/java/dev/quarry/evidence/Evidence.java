package dev.quarry.evidence;

import dev.quarry.core.jobs.CancelToken;
import java.util.Collection;
import java.util.List;

/**
 * "Does this document say X, and where?" The one engine behind grid cells and deficiency responsiveness.
 * Implementations search only inside the given document, decide with the typed parsers (offline) or a
 * model through the gateway, and check every quote against the chunk it names with {@link QuoteCheck}.
 */
public interface Evidence {

    /** How to decide: offline only, the model only (through the gateway's egress policy), or both. */
    enum Mode { OFFLINE, LLM, BOTH }

    Answer ask(long documentId, Criterion criterion, Mode mode);

    /**
     * The same criterion over many documents, in the given order; the criterion's queries are embedded once.
     * Stops between documents when cancelled (the answers so far are returned).
     */
    default List<Answer> askEach(Collection<Long> documentIds, Criterion criterion, Mode mode, CancelToken cancel) {
        List<Answer> out = new java.util.ArrayList<>();
        for (long id : documentIds) {
            if (cancel != null && cancel.isCancelled()) break;
            out.add(ask(id, criterion, mode));
        }
        return out;
    }
}
