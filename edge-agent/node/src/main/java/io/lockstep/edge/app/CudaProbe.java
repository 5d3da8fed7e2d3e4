package io.lockstep.edge.app;

import io.lockstep.platform.inference.ExecutionProvider;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.platform.model.HazardModel;
import io.lockstep.runtime.InferenceException;
import java.util.function.BooleanSupplier;

/**
 * Whether models can run on CUDA here. The provider list alone is not enough: the CUDA build of ONNX
 * Runtime lists CUDA on a machine without a GPU or without the CUDA libraries, so this opens a session of
 * the built-in hazard model on CUDA. Probed once and remembered: a node's GPU does not come and go.
 */
final class CudaProbe implements BooleanSupplier {

    private volatile Boolean result;

    @Override
    public boolean getAsBoolean() {
        Boolean known = result;
        if (known == null) {
            synchronized (this) {
                known = result;
                if (known == null) {
                    known = cudaSessionOpens();
                    result = known;
                }
            }
        }
        return known;
    }

    private static boolean cudaSessionOpens() {
        if (!OnnxInferenceService.cudaAvailable()) {
            return false;
        }
        ModelRegistry registry = new ModelRegistry();
        registry.addVerified(HazardModel.bytes(), HazardModel.sha256());
        registry.bind(HazardModel.NAME, HazardModel.sha256());
        try (OnnxInferenceService service = new OnnxInferenceService(registry, InferenceSettings.cudaIfAvailable())) {
            return service.providerFor(HazardModel.NAME) == ExecutionProvider.CUDA;
        } catch (InferenceException e) {
            return false;
        }
    }
}
