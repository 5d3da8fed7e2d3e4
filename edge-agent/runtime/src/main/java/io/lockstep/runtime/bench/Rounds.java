package io.lockstep.runtime.bench;

import java.util.Arrays;

/** The best and the median of a figure measured over several rounds. */
record Rounds(double best, double median, int count) {

    /** @param lowerIsBetter whether the best value is the smallest (times, ratios) or the largest (speeds) */
    static Rounds of(double[] values, boolean lowerIsBetter) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no rounds");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Rounds(lowerIsBetter ? sorted[0] : sorted[n - 1], median, n);
    }

    /** "best X, median Y over N rounds" with the given format for values. */
    String describe(String format) {
        return String.format("best " + format + ", median " + format + " over %d rounds", best, median, count);
    }
}
