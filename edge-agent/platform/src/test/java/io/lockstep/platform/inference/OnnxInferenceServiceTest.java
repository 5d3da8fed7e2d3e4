package io.lockstep.platform.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lockstep.platform.model.HazardModel;
import io.lockstep.runtime.InferenceException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnnxInferenceServiceTest {

    private ModelRegistry registry;
    private OnnxInferenceService service;

    @BeforeEach
    void setUp() {
        registry = new ModelRegistry();
        registry.bind(HazardModel.NAME, registry.add(HazardModel.bytes()));
        service = new OnnxInferenceService(registry, InferenceSettings.cpu());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private static float[] filled(float value) {
        float[] features = new float[8];
        Arrays.fill(features, value);
        return features;
    }

    @Test
    void runsTheHazardModelAndQuantizesItsOutput() throws InferenceException {
        float[] open = service.infer(HazardModel.NAME, filled(1.0f));
        float[] smoke = service.infer(HazardModel.NAME, filled(5.0f / 30.0f));
        assertEquals(1, open.length);
        assertTrue(open[0] < 0.01f, "open field " + open[0]);
        assertTrue(smoke[0] > 0.99f, "all sectors closed in " + smoke[0]);
        for (float value : new float[] {open[0], smoke[0]}) {
            assertEquals(value, OutputQuantizer.quantize(value), "already on the grid");
        }
        assertEquals(ExecutionProvider.CPU, service.providerFor(HazardModel.NAME));
    }

    @Test
    void unknownModelIsNotFound() {
        InferenceException e = assertThrows(InferenceException.class, () -> service.infer("nope", filled(1)));
        assertTrue(e.modelNotFound());
    }

    @Test
    void wrongInputLengthIsRefused() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> service.infer(HazardModel.NAME, new float[3]));
        assertFalse(e.modelNotFound());
        assertTrue(e.getMessage().contains("takes 8 inputs, got 3"), e.getMessage());
        assertThrows(InferenceException.class, () -> service.infer(HazardModel.NAME, new float[0]));
        assertThrows(InferenceException.class, () -> service.infer(HazardModel.NAME, null));
        assertThrows(InferenceException.class,
                () -> service.infer(HazardModel.NAME, new float[OnnxInferenceService.MAX_INPUTS + 1]));
    }

    @Test
    void malformedModelBytesFailCleanlyAndOtherModelsKeepWorking() throws InferenceException {
        registry.bind("garbage", registry.add("definitely not a protobuf".getBytes()));
        byte[] model = HazardModel.bytes();
        registry.bind("truncated", registry.add(Arrays.copyOf(model, model.length / 2)));
        for (String name : new String[] {"garbage", "truncated"}) {
            InferenceException e = assertThrows(InferenceException.class, () -> service.infer(name, filled(1)));
            assertFalse(e.modelNotFound());
            assertTrue(e.getMessage().contains("cannot be loaded"), e.getMessage());
        }
        assertTrue(service.infer(HazardModel.NAME, filled(1))[0] < 0.01f);
    }

    @Test
    void nanInputsGiveTheDocumentedNanValue() throws InferenceException {
        float[] output = service.infer(HazardModel.NAME, filled(Float.NaN));
        assertEquals(OutputQuantizer.NAN_VALUE, output[0]);
    }

    @Test
    void allowingCudaWithoutAGpuFallsBackToTheCpu() throws InferenceException {
        assumeFalse(OnnxInferenceService.cudaAvailable(), "this build has CUDA");
        try (OnnxInferenceService gpuWanted = new OnnxInferenceService(registry, InferenceSettings.cudaIfAvailable())) {
            assertEquals(ExecutionProvider.CPU, gpuWanted.providerFor(HazardModel.NAME));
            assertEquals(service.infer(HazardModel.NAME, filled(0.2f))[0], gpuWanted.infer(HazardModel.NAME, filled(0.2f))[0]);
        }
    }

    @Test
    void closedServiceRefusesCalls() {
        service.close();
        assertThrows(InferenceException.class, () -> service.infer(HazardModel.NAME, filled(1)));
    }
}
