package io.lockstep.edge.mission;

import io.lockstep.runtime.InferenceService;
import java.util.List;

/** Builds the inference service of one mission from its (verified) models. */
@FunctionalInterface
public interface InferenceFactory {

    /** A model the mission may use: its name, digest and bytes. */
    record Model(String name, String sha256, byte[] bytes) {
    }

    /** The returned service is closed with the mission when it is {@link AutoCloseable}. */
    InferenceService create(List<Model> models);
}
