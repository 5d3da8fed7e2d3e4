package io.lockstep.platform.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lockstep.platform.model.HazardModel;
import io.lockstep.runtime.InferenceException;
import org.junit.jupiter.api.Test;

/**
 * CPU and CUDA must reach the same hazard decisions. Runs only where the ONNX Runtime build offers CUDA
 * (the GPU artifact on a machine with a GPU); skipped elsewhere.
 */
class GpuDecisionDeterminismTest {

    private static final int INPUTS = 4000;

    @Test
    void cpuAndCudaReachTheSameDecisions() throws InferenceException {
        assumeTrue(OnnxInferenceService.cudaAvailable(), "no CUDA execution provider in this ONNX Runtime build");
        ModelRegistry registry = new ModelRegistry();
        registry.bind(HazardModel.NAME, registry.add(HazardModel.bytes()));
        float[][] inputs = HazardInputs.generate(7L, INPUTS);
        try (OnnxInferenceService cpu = new OnnxInferenceService(registry, InferenceSettings.cpu());
                OnnxInferenceService gpu = new OnnxInferenceService(registry, InferenceSettings.cudaIfAvailable())) {
            assumeTrue(gpu.providerFor(HazardModel.NAME) == ExecutionProvider.CUDA, "CUDA session could not start");
            for (int n = 0; n < INPUTS; n++) {
                float onCpu = cpu.infer(HazardModel.NAME, inputs[n])[0];
                float onGpu = gpu.infer(HazardModel.NAME, inputs[n])[0];
                assertEquals(onCpu > HazardModel.DEFAULT_THRESHOLD, onGpu > HazardModel.DEFAULT_THRESHOLD,
                        "decision differs for input " + n + ": cpu " + onCpu + " gpu " + onGpu);
                assertEquals(onCpu, onGpu, 2 * OutputQuantizer.STEP, "input " + n);
            }
        }
    }
}
