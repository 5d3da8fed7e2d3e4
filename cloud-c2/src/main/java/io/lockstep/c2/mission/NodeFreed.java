package io.lockstep.c2.mission;

/** CDI event: a share on {@code nodeId} finished, so the node may take the next queued mission. */
public record NodeFreed(String nodeId) {
}
