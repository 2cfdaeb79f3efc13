package dev.quarry.qa;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a confidence score separates right answers from wrong ones: AUROC, a reliability table, the
 * threshold rule the review queue's default comes from, and the logistic fit the confidence weights were
 * chosen with. Plain arithmetic over (score, right?) pairs; {@code eval confidence} feeds it.
 */
public final class ConfidenceMetrics {
    private ConfidenceMetrics() {}

    /** One confidence bin: answers with {@code from <= confidence < to} (the last bin includes 1.0). */
    public record Bin(double from, double to, int count, int correct) {
        public Double share() {
            return count == 0 ? null : QuestionAnalyzer.round((double) correct / count);
        }
    }

    /**
     * The probability that a right answer scores above a wrong one (ties count half): 0.5 is a coin, 1.0
     * a perfect separation. NaN when either class is empty.
     */
    public static double auroc(double[] scores, boolean[] right) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Mann-Whitney U from average ranks, so that tied scores share their ranks.
        double rankSumRight = 0;
        long nRight = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (right[order[k]]) {
                    rankSumRight += avgRank;
                    nRight++;
                }
            }
            i = j + 1;
        }
        long nWrong = n - nRight;
        if (nRight == 0 || nWrong == 0) return Double.NaN;
        return (rankSumRight - nRight * (nRight + 1) / 2.0) / ((double) nRight * nWrong);
    }

    /** Equal-width bins over 0..1. */
    public static List<Bin> reliability(double[] scores, boolean[] right, int bins) {
        int[] count = new int[bins];
        int[] correct = new int[bins];
        for (int i = 0; i < scores.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(scores[i] * bins)));
            count[b]++;
            if (right[i]) correct[b]++;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new Bin(QuestionAnalyzer.round((double) b / bins), QuestionAnalyzer.round((double) (b + 1) / bins), count[b], correct[b]));
        }
        return out;
    }

    /**
     * The review threshold rule: the highest threshold t (in steps of 0.05) such that, of the answers scoring
     * below t, fewer than {@code maxShareRight} are right, taking only thresholds with at least
     * {@code minBelow} answers below them. 0 when no threshold qualifies (nothing would be flagged).
     */
    public static double threshold(double[] scores, boolean[] right, double maxShareRight, int minBelow) {
        double best = 0;
        for (int step = 1; step <= 19; step++) {
            double t = step / 20.0; // not step * 0.05: 12 * 0.05 is a hair above 0.6
            int below = 0, ok = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] < t) {
                    below++;
                    if (right[i]) ok++;
                }
            }
            if (below >= minBelow && (double) ok / below < maxShareRight) best = QuestionAnalyzer.round(t);
        }
        return best;
    }

    /**
     * Logistic regression by Newton's method with a small ridge penalty: weights (intercept first) for
     * P(right | x). Used to choose the confidence weights on the fitting half of the dev questions.
     */
    public static double[] fitLogistic(double[][] x, boolean[] y, double ridge) {
        int d = x.length == 0 ? 1 : x[0].length + 1;
        double[] w = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double[] xi = withIntercept(x[i]);
                double p = sigmoid(dot(w, xi));
                double r = (y[i] ? 1 : 0) - p;
                for (int a = 0; a < d; a++) {
                    grad[a] += r * xi[a];
                    for (int b = 0; b < d; b++) h[a][b] += p * (1 - p) * xi[a] * xi[b];
                }
            }
            for (int a = 1; a < d; a++) {
                grad[a] -= ridge * w[a];
                h[a][a] += ridge;
            }
            double[] step = solve(h, grad);
            double change = 0;
            for (int a = 0; a < d; a++) {
                w[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-9) break;
        }
        return w;
    }

    public static double predict(double[] w, double[] x) {
        return sigmoid(dot(w, withIntercept(x)));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] withIntercept(double[] x) {
        double[] out = new double[x.length + 1];
        out[0] = 1;
        System.arraycopy(x, 0, out, 1, x.length);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Gaussian elimination with partial pivoting; the Hessian is small (one row per signal). */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
            double[] tr = a[c]; a[c] = a[piv]; a[piv] = tr;
            double tb = b[c]; b[c] = b[piv]; b[piv] = tb;
            if (Math.abs(a[c][c]) < 1e-12) continue;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
                b[r] -= f * b[c];
            }
        }
        double[] xOut = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * xOut[k];
            xOut[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : s / a[r][r];
        }
        return xOut;
    }
}
