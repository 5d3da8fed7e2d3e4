package io.lockstep.runtime.bench;

/**
 * One measured figure and its target.
 *
 * @param lowerIsBetter true when the target is an upper bound ({@code value <= target})
 * @param detail        what was measured, in a sentence (sizes, repetitions, the raw times)
 */
public record BenchFigure(String name, double value, double target, boolean lowerIsBetter, String detail) {

    /** A figure reported for information, without a target. */
    public static BenchFigure informational(String name, double value, String detail) {
        return new BenchFigure(name, value, Double.NaN, true, detail);
    }

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    public boolean meetsTarget() {
        return !hasTarget() || (lowerIsBetter ? value <= target : value >= target);
    }

    /** "meets" or the measured gap to the target. */
    public String verdict() {
        if (!hasTarget()) {
            return "(no target)";
        }
        if (meetsTarget()) {
            return "meets";
        }
        double gap = lowerIsBetter ? value / target : target / value;
        return String.format("MISSED by %.2fx", gap);
    }
}
