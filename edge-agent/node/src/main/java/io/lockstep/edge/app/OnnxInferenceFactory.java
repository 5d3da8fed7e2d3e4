package io.lockstep.edge.app;

import io.lockstep.edge.mission.InferenceFactory;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.runtime.InferenceService;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A mission's inference: ONNX Runtime over the mission's verified models. With the GPU allowed
 * ({@code lockstep.node.inference.gpu}) sessions use CUDA when the linked ONNX Runtime build offers it and
 * a GPU is present, else the CPU; with it off they always run on the CPU and the node advertises no GPU.
 */
final class OnnxInferenceFactory implements InferenceFactory {

    private final boolean gpuAllowed;
    private final BooleanSupplier cudaProbe;

    OnnxInferenceFactory(boolean gpuAllowed) {
        this(gpuAllowed, new CudaProbe());
    }

    /** {@code cudaProbe}: whether models can run on CUDA here (replaceable in tests). */
    OnnxInferenceFactory(boolean gpuAllowed, BooleanSupplier cudaProbe) {
        this.gpuAllowed = gpuAllowed;
        this.cudaProbe = cudaProbe;
    }

    @Override
    public InferenceService create(List<Model> models) {
        ModelRegistry registry = new ModelRegistry();
        for (Model m : models) {
            registry.addVerified(m.bytes(), m.sha256());
            registry.bind(m.name(), m.sha256());
        }
        return new OnnxInferenceService(registry, inferenceSettings());
    }

    /**
     * The settings every mission's inference service gets: CUDA only where the probe found it usable, so a
     * CUDA build on a machine without a GPU does not retry (and log) a failing CUDA load for every model.
     */
    InferenceSettings inferenceSettings() {
        return gpuAdvertised() ? InferenceSettings.cudaIfAvailable() : InferenceSettings.cpu();
    }

    /** What Hello's {@code capabilities.gpu} says: the GPU is allowed and models can run on CUDA here. */
    boolean gpuAdvertised() {
        if (!gpuAllowed) {
            // Not even probed: with the GPU off the node never loads the CUDA provider.
            return false;
        }
        try {
            return cudaProbe.getAsBoolean();
        } catch (LinkageError | RuntimeException e) {
            // No usable native ONNX Runtime on this machine: advertise no GPU rather than fail the Hello.
            return false;
        }
    }
}
