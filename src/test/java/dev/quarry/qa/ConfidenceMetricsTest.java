package dev.quarry.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceMetricsTest {

    @Test
    void aurocIsTheShareOfRightWrongPairsOrderedRightWithTiesCountingHalf() {
        // Right answers at 0.9, 0.6 and 0.4; wrong ones at 0.7, 0.4 and 0.1. Of the 9 (right, wrong) pairs,
        // 0.9 beats all three, 0.6 beats two, 0.4 beats one and ties one: (3 + 2 + 1 + 0.5) / 9.
        double[] s = {0.9, 0.7, 0.6, 0.4, 0.4, 0.1};
        boolean[] right = {true, false, true, true, false, false};
        assertThat(ConfidenceMetrics.auroc(s, right)).isCloseTo(6.5 / 9, within(1e-12));
        // Perfect, reversed, and all tied.
        assertThat(ConfidenceMetrics.auroc(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {true, true, false, false})).isEqualTo(1.0);
        assertThat(ConfidenceMetrics.auroc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {true, true, false, false})).isEqualTo(0.0);
        assertThat(ConfidenceMetrics.auroc(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, true})).isEqualTo(0.5);
        assertThat(ConfidenceMetrics.auroc(new double[] {0.5, 0.7}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void theReliabilityTableCountsEachBinAndItsShareRight() {
        double[] s = {0.05, 0.15, 0.15, 0.95, 1.0, 0.5};
        boolean[] right = {false, true, false, true, true, false};
        List<ConfidenceMetrics.Bin> bins = ConfidenceMetrics.reliability(s, right, 10);
        assertThat(bins).hasSize(10);
        assertThat(bins.get(0).count()).isEqualTo(1);
        assertThat(bins.get(0).share()).isEqualTo(0.0);
        assertThat(bins.get(1).count()).isEqualTo(2);
        assertThat(bins.get(1).share()).isEqualTo(0.5);
        assertThat(bins.get(5).count()).isEqualTo(1);
        assertThat(bins.get(9).count()).as("1.0 falls in the last bin").isEqualTo(2);
        assertThat(bins.get(9).share()).isEqualTo(1.0);
        assertThat(bins.get(3).share()).as("an empty bin has no share").isNull();
    }

    @Test
    void theThresholdIsTheHighestBelowWhichFewAnswersAreRight() {
        // Below 0.35: 0 of 3 right; below 0.4: 1 of 4 (25 %, not fewer); below 0.6: 1 of 6; below 0.65: 2 of 7.
        double[] s = {0.1, 0.2, 0.25, 0.35, 0.45, 0.55, 0.6, 0.7, 0.8, 0.9};
        boolean[] right = {false, false, false, true, false, false, true, true, true, true};
        assertThat(ConfidenceMetrics.threshold(s, right, 0.25, 2)).isEqualTo(0.6);
        assertThat(ConfidenceMetrics.threshold(s, right, 0.1, 2)).isEqualTo(0.35);
        assertThat(ConfidenceMetrics.threshold(s, right, 0.25, 8)).as("too few answers below any qualifying t").isEqualTo(0.0);
    }

    @Test
    void theLogisticFitRecoversASignalThatPredictsAndIgnoresOneThatDoesNot() {
        int n = 400;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextDouble();
            x[i][1] = rnd.nextDouble();
            y[i] = rnd.nextDouble() < ConfidenceMetrics.sigmoid(-3 + 6 * x[i][0]);
        }
        double[] w = ConfidenceMetrics.fitLogistic(x, y, 0.1);
        assertThat(w[1]).isBetween(4.0, 8.0);
        assertThat(Math.abs(w[2])).isLessThan(1.0);
        assertThat(ConfidenceMetrics.predict(w, new double[] {1, 0.5})).isGreaterThan(ConfidenceMetrics.predict(w, new double[] {0, 0.5}));
    }
}
