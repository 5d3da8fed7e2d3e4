package io.lockstep.edge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.InferenceFactory.Model;
import io.lockstep.platform.inference.ExecutionProvider;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.platform.model.HazardModel;
import io.lockstep.runtime.InferenceService;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code lockstep.node.inference.gpu}: which execution provider missions get, and what Hello advertises. */
class OnnxInferenceFactoryTest {

    private static final Model HAZARD = new Model(HazardModel.NAME, HazardModel.sha256(), HazardModel.bytes());

    @Test
    void gpuOffPicksTheCpuEvenWhereCudaIsOffered() {
        AtomicInteger probes = new AtomicInteger();
        OnnxInferenceFactory factory = new OnnxInferenceFactory(false, () -> {
            probes.incrementAndGet();
            return true;
        });

        assertEquals(InferenceSettings.cpu(), factory.inferenceSettings());
        assertFalse(factory.gpuAdvertised());
        assertEquals(0, probes.get(), "with the GPU off the CUDA provider is never probed");
    }

    @Test
    void gpuOnAsksForCudaAndAdvertisesTheGpuWhereTheProbeFindsIt() {
        OnnxInferenceFactory withGpu = new OnnxInferenceFactory(true, () -> true);
        assertEquals(InferenceSettings.cudaIfAvailable(), withGpu.inferenceSettings());
        assertTrue(withGpu.gpuAdvertised());
    }

    @Test
    void gpuOnWithoutAUsableGpuStaysOnTheCpuAndAdvertisesNoGpu() {
        OnnxInferenceFactory withoutGpu = new OnnxInferenceFactory(true, () -> false);
        assertEquals(InferenceSettings.cpu(), withoutGpu.inferenceSettings());
        assertFalse(withoutGpu.gpuAdvertised());
    }

    @Test
    void aProbeThatCannotLoadTheNativeRuntimeAdvertisesNoGpu() {
        assertFalse(new OnnxInferenceFactory(true, () -> {
            throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
        }).gpuAdvertised());
        OnnxInferenceFactory failing = new OnnxInferenceFactory(true, () -> {
            throw new IllegalStateException("provider list unavailable");
        });
        assertFalse(failing.gpuAdvertised());
        assertEquals(InferenceSettings.cpu(), failing.inferenceSettings());
    }

    @Test
    void gpuOffMissionsRunTheirModelsOnTheCpu() throws Exception {
        InferenceService service = new OnnxInferenceFactory(false, () -> true).create(List.of(HAZARD));
        try (OnnxInferenceService onnx = assertInstanceOf(OnnxInferenceService.class, service)) {
            assertEquals(ExecutionProvider.CPU, onnx.providerFor(HazardModel.NAME));
        }
    }

    @Test
    void gpuOnMissionsRunOnCudaExactlyWhenHelloAdvertisesTheGpu() throws Exception {
        OnnxInferenceFactory factory = new OnnxInferenceFactory(true);
        InferenceService service = factory.create(List.of(HAZARD));
        try (OnnxInferenceService onnx = assertInstanceOf(OnnxInferenceService.class, service)) {
            ExecutionProvider advertised = factory.gpuAdvertised() ? ExecutionProvider.CUDA : ExecutionProvider.CPU;
            assertEquals(advertised, onnx.providerFor(HazardModel.NAME));
        }
    }
}
