package io.lockstep.swarm.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Runs many seeds (VOPR style) and prints every failing seed with the command that reproduces it.
 */
public final class SeedSweep {

    /** One seed's outcome. */
    public record Outcome(long seed, SimConfig config, SimReport report) {
        public boolean passed() {
            return report.passed();
        }
    }

    private SeedSweep() {
    }

    /**
     * Runs seeds {@code first .. first + count - 1}; {@code configFor} builds each seed's configuration.
     * With {@code checkTwice} every seed runs a second time and a differing report is a violation.
     * Returns every seed's outcome; failures are also printed to {@code out}.
     */
    public static List<Outcome> run(long first, int count, LongFunction<SimConfig> configFor, boolean checkTwice,
                                    PrintStream out) {
        List<Outcome> all = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            SimConfig config = configFor.apply(seed);
            SimReport report = new FleetSimulator(config, null).run();
            boolean reproducible = true;
            if (checkTwice) {
                reproducible = new FleetSimulator(config, null).run().toJson().equals(report.toJson());
            }
            if (!reproducible) {
                report = report.withViolation("a second run of the seed gave a different report");
            }
            all.add(new Outcome(seed, config, report));
            if (!report.passed()) {
                if (out != null) {
                    out.printf("FAIL seed %d (%d nodes, faults %s): %s%n  reproduce: ./lockstep sim --seed %d --nodes %d"
                                    + " --faults %s%n", seed, config.nodes(), config.faults(),
                            report.violations(),
                            seed, config.nodes(), config.faults());
                }
            }
        }
        return all;
    }
}
