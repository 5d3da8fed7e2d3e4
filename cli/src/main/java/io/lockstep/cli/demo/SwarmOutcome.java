package io.lockstep.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** The mission's shared coverage as C2 shows it at the end: cells, coverage, cells taken over from lost nodes. */
record SwarmOutcome(int cellsTotal, int cellsCovered, double coveragePercent, int reallocatedCells) {

    static SwarmOutcome of(JsonNode mission) {
        JsonNode coverage = mission.path("coverage");
        return new SwarmOutcome(coverage.path("cellsTotal").asInt(0), coverage.path("cellsCovered").asInt(0),
                coverage.path("coveragePercent").asDouble(0), coverage.path("reallocatedCells").size());
    }
}
