package io.lockstep.edge.app;

import io.lockstep.edge.mission.InferenceFactory;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.runtime.InferenceService;
import java.util.List;

/** A mission's inference: ONNX Runtime over the mission's verified models, on the GPU when one is usable. */
final class OnnxInferenceFactory implements InferenceFactory {

    @Override
    public InferenceService create(List<Model> models) {
        ModelRegistry registry = new ModelRegistry();
        for (Model m : models) {
            registry.addVerified(m.bytes(), m.sha256());
            registry.bind(m.name(), m.sha256());
        }
        return new OnnxInferenceService(registry, InferenceSettings.cudaIfAvailable());
    }

    static boolean gpuAvailable() {
        try {
            return OnnxInferenceService.cudaAvailable();
        } catch (LinkageError | RuntimeException e) {
            // No usable native ONNX Runtime on this machine: advertise no GPU rather than fail the Hello.
            return false;
        }
    }
}
