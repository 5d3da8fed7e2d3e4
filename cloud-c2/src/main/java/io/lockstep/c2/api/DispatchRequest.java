package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/** Body of POST /missions/{id}/dispatch: the nodes that share the mission, in share order. */
@Schema(example = "{\"nodes\": [\"node-1\", \"node-2\"]}")
public record DispatchRequest(List<String> nodes) {
}
