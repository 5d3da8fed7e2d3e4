package io.lockstep.c2.mission;

/**
 * What a node must offer beyond what the agents' grants and the mission's models already say (optional
 * {@code requirements} of a mission). {@code gpu}: only nodes advertising a GPU for inference.
 */
public record MissionRequirements(Boolean gpu) {

    public boolean needsGpu() {
        return Boolean.TRUE.equals(gpu);
    }
}
