package io.lockstep.cli.swarm;

import io.lockstep.runtime.bench.BenchFigure;
import io.lockstep.runtime.bench.RuntimeBenchReport;
import java.util.List;

/** {@code bench swarm}'s figures: the table and JSON of runtime.json, with {@code "benchmark": "swarm"}. */
record SwarmBenchReport(boolean quick, List<BenchFigure> figures, String environment) {

    SwarmBenchReport {
        figures = List.copyOf(figures);
    }

    private RuntimeBenchReport format() {
        return new RuntimeBenchReport(quick, figures, environment);
    }

    String toTable() {
        return format().toTable();
    }

    String toJson() {
        return format().toJson().replaceFirst("\"benchmark\": \"runtime\"", "\"benchmark\": \"swarm\"");
    }
}
