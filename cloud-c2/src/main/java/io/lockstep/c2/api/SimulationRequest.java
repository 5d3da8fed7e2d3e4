package io.lockstep.c2.api;

/** Body of POST /missions/{id}/simulations (optional): the simulated fleet size. */
public record SimulationRequest(Integer nodes) {
}
