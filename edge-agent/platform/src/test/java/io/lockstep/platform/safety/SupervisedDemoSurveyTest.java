package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.AxisAlignedRectangle;
import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.inference.InferenceSettings;
import io.lockstep.platform.inference.ModelRegistry;
import io.lockstep.platform.inference.OnnxInferenceService;
import io.lockstep.platform.model.HazardFeatures;
import io.lockstep.platform.model.HazardModel;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.InferenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo mission, strip by strip, in the demo world: a lawnmower pilot behind the safety supervisor with
 * the strip as geofence, the noisy simulated vehicle starting at the base, and hazard sampling every 10
 * ticks. Checks what the demo relies on: the obstacle reflex fires at the silo and the barn without a
 * collision, the smoke is flagged only in its strip, and the vehicle stays in its strip. Only what happens once the
 * vehicle is in its strip counts: on its way from the base it crosses the launch row's smoke ({@code pad-smoke}).
 */
class SupervisedDemoSurveyTest {

    private static final double DT = 0.02;
    private static final int MAX_TICKS = 20_000;
    private static OnnxInferenceService inference;

    private final World demo = WorldFile.demo();

    @BeforeAll
    static void loadModel() {
        ModelRegistry registry = new ModelRegistry();
        registry.bind(HazardModel.NAME, registry.add(HazardModel.bytes()));
        inference = new OnnxInferenceService(registry, InferenceSettings.cpu());
    }

    @AfterAll
    static void closeModel() {
        inference.close();
    }

    private record StripRun(long obstacleStops, long collisions, int hazardSamples,
            double worstExcursionM, boolean finished) {
    }

    private StripRun survey(double minX, double maxX) throws InferenceException {
        AxisAlignedRectangle strip = new AxisAlignedRectangle(new Vec2(minX, 0), new Vec2(maxX, 60));
        Polygon fence = strip.toPolygon();
        SimulatedVehicle vehicle = new SimulatedVehicle(demo, SimulatedVehicleConfig.defaults((long) minX));
        SafetySupervisor supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), demo.base());
        supervisor.setGeofence(fence);
        LawnmowerPilot pilot = new LawnmowerPilot(minX, 0, maxX, 60, 10, 250);
        boolean entered = false;
        double worstExcursion = 0;
        int hazardSamples = 0;
        long obstacleStops = 0;
        for (long tick = 0; tick < MAX_TICKS && !pilot.finished(); tick++) {
            VehicleReadings readings = vehicle.readSensors();
            if (tick % 10 == 0) {
                float score = inference.infer(HazardModel.NAME, HazardFeatures.fromRanges(readings.ranges()))[0];
                hazardSamples += entered && score > HazardModel.DEFAULT_THRESHOLD ? 1 : 0;
            }
            SupervisorDecision decision = supervisor.apply(tick, pilot.steer(readings.position()), readings, DT);
            obstacleStops += entered ? decision.interventions().stream()
                    .filter(i -> i.kind() == InterventionKind.OBSTACLE_STOP).count() : 0;
            vehicle.advance(DT);
            Vec2 truePosition = vehicle.state().position();
            entered |= strip.contains(truePosition);
            if (entered && !strip.contains(truePosition)) {
                Vec2 nearestEdge = fence.nearestBoundaryPoint(truePosition);
                worstExcursion = Math.max(worstExcursion, nearestEdge.distanceTo(truePosition));
            }
        }
        return new StripRun(obstacleStops, vehicle.collisions(), hazardSamples,
                worstExcursion, pilot.finished());
    }

    @Test
    void westStripFindsTheSmoke() throws InferenceException {
        StripRun run = survey(0, 40);
        assertTrue(run.finished());
        assertTrue(run.hazardSamples() > 0, "smoke flagged");
        assertEquals(0, run.obstacleStops());
        assertEquals(0, run.collisions());
        assertTrue(run.worstExcursionM() < 0.5, "stays in its strip: " + run.worstExcursionM());
    }

    @Test
    void middleStripStopsAtTheSiloWithoutCollision() throws InferenceException {
        StripRun run = survey(40, 80);
        assertTrue(run.finished());
        assertTrue(run.obstacleStops() > 0, "obstacle reflex fired");
        assertEquals(0, run.collisions());
        assertEquals(0, run.hazardSamples(), "no smoke here");
        assertTrue(run.worstExcursionM() < 0.5, "stays in its strip: " + run.worstExcursionM());
    }

    @Test
    void eastStripStopsAtTheBarnWithoutCollision() throws InferenceException {
        StripRun run = survey(80, 120);
        assertTrue(run.finished());
        assertTrue(run.obstacleStops() > 0, "obstacle reflex fired");
        assertEquals(0, run.collisions());
        assertEquals(0, run.hazardSamples());
        assertTrue(run.worstExcursionM() < 0.5, "stays in its strip: " + run.worstExcursionM());
    }
}
