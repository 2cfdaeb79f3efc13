package dev.quarry.deficiency;

import dev.quarry.deficiency.model.Classification;
import java.util.Collection;

/**
 * The classification rules, by what was produced and never by what the response says: nothing responsive
 * anywhere is no_responsive_docs; every responsive document produced is fully_produced; some is
 * partially_produced; none is not_produced. Counts are of distinct documents (near-duplicates are one).
 */
public final class Classify {
    private Classify() {}

    public static Classification of(int responsive, int produced) {
        if (responsive == 0) return Classification.NO_RESPONSIVE_DOCS;
        if (produced >= responsive) return Classification.FULLY_PRODUCED;
        if (produced > 0) return Classification.PARTIALLY_PRODUCED;
        return Classification.NOT_PRODUCED;
    }

    /**
     * How sure the classification is: the chance that every document's call that could change it is right,
     * from the responsiveness probabilities of the documents judged (a call at 0.5 is a coin toss).
     */
    public static double confidence(Collection<Double> probabilities) {
        double c = 0.97;
        for (double p : probabilities) {
            double sure = Math.max(p, 1 - p);
            if (sure < 0.9) c *= sure;
        }
        return Math.max(0.05, Math.min(0.99, c));
    }
}
