package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /missions/{id}/simulations (optional): the simulated fleet size. */
@Schema(example = "{\"nodes\": 3}")
public record SimulationRequest(Integer nodes) {
}
