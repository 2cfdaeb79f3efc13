package dev.quarry.deficiency;

import dev.quarry.evidence.Criterion;
import dev.quarry.evidence.ValueType;
import java.util.List;

/**
 * The engine's criterion for a clause a request names ("any source code escrow provision"): a yes/no
 * question whose instructions and search query are the request's own words.
 */
class ClauseCriteria {
    Criterion criterion(String phrase) {
        return new Criterion("request clause: " + phrase, ValueType.BOOLEAN,
                "Does the agreement itself contain " + phrase + "? Answer yes only when the agreement has such a provision.",
                List.of(), false, false, List.of(phrase), List.of());
    }
}
