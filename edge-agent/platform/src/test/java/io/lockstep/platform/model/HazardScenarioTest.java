package io.lockstep.platform.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.runtime.InferenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole chain in the demo world: simulated range sensor -> sector features -> ONNX hazard model. */
class HazardScenarioTest {

    private final World demo = WorldFile.demo();
    private OnnxInferenceService service;

    @BeforeEach
    void setUp() {
        ModelRegistry registry = new ModelRegistry();
        registry.bind(HazardModel.NAME, registry.add(HazardModel.bytes()));
        service = new OnnxInferenceService(registry, InferenceSettings.cpu());
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private float scoreAt(double x, double y) throws InferenceException {
        SimulatedVehicle vehicle = new SimulatedVehicle(demo, SimulatedVehicleConfig.defaults(3), new Vec2(x, y), 1.0);
        return service.infer(HazardModel.NAME, HazardFeatures.fromRanges(vehicle.readSensors().ranges()))[0];
    }

    @Test
    void surveyLanesThroughTheSmokeAreFlagged() throws InferenceException {
        Vec2 centre = ((io.lockstep.platform.geometry.Circle) demo.hazardZones().get(0).shape()).center();
        assertTrue(scoreAt(centre.x(), centre.y()) > HazardModel.DEFAULT_THRESHOLD, "zone centre");
        // survey's lanes at y = 35 and y = 45 pass 5 m from the centre.
        for (double x = centre.x() - 4; x <= centre.x() + 4; x += 2) {
            assertTrue(scoreAt(x, 35) > HazardModel.DEFAULT_THRESHOLD, "lane y=35 at x=" + x);
            assertTrue(scoreAt(x, 45) > HazardModel.DEFAULT_THRESHOLD, "lane y=45 at x=" + x);
        }
    }

    @Test
    void openFieldObstaclesAndBaseAreNotFlagged() throws InferenceException {
        assertTrue(scoreAt(90, 45) < 0.05f, "open field");
        assertTrue(scoreAt(56.5, 35) < 0.05f, "0.5 m in front of the silo");
        assertTrue(scoreAt(95.5, 15) < 0.05f, "0.5 m beside the barn");
        assertTrue(scoreAt(demo.base().x(), demo.base().y()) < 0.05f, "base");
        assertTrue(scoreAt(5, 25) < 0.05f, "just outside the smoke");
    }
}
