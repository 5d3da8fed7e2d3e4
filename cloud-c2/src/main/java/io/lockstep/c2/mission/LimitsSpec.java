package io.lockstep.c2.mission;

/** Execution limits; a missing value means "node default" (0 on the wire). */
public record LimitsSpec(Long tickPeriodMs, Long fuelPerTick, Long maxMemoryPages, Long maxTicks) {
}
