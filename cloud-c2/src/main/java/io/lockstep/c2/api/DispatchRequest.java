package io.lockstep.c2.api;

import java.util.List;

/** Body of POST /missions/{id}/dispatch: the nodes that share the mission, in share order. */
public record DispatchRequest(List<String> nodes) {
}
