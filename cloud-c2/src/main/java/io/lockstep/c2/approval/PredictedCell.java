package io.lockstep.c2.approval;

/**
 * When the simulation covered a cell: the tick its covering agent reported it and the simulated node that did
 * ({@code tick} -1 and {@code nodeId} null: never covered).
 */
public record PredictedCell(int cell, long tick, String nodeId) {
}
