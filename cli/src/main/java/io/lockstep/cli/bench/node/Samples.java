package io.lockstep.cli.bench.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Summary statistics of a small list of measurements. */
final class Samples {
    private Samples() {
    }

    static double median(List<? extends Number> values) {
        requireSome(values);
        List<Double> sorted = new ArrayList<>();
        values.forEach(v -> sorted.add(v.doubleValue()));
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static double mean(List<? extends Number> values) {
        requireSome(values);
        return values.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    }

    static double max(List<? extends Number> values) {
        requireSome(values);
        return values.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
    }

    private static void requireSome(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
    }
}
