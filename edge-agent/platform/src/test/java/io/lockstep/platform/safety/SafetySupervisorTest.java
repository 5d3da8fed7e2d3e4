package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Polygon;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.TestWorlds;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.platform.vehicle.VehicleState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SafetySupervisorTest {

    private static final double DT = 0.02;
    private static final Vec2 BASE = new Vec2(10, 10);
    private static final Polygon FENCE = new Polygon(List.of(
            new Vec2(20, 20), new Vec2(80, 20), new Vec2(80, 80), new Vec2(20, 80)));

    private SimulatedVehicle vehicle;
    private SafetySupervisor supervisor;
    /** A supervisor of a vehicle of the test's own, where a test needs one. */
    private SafetySupervisor guarded;
    private final List<Intervention> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        vehicle = new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
        supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), BASE);
        supervisor.addListener(heard::add);
    }

    private static VehicleReadings at(Vec2 position, double battery, double... ranges) {
        double[] beams = ranges.length > 0 ? ranges : open(16);
        return new VehicleReadings(position, Vec2.ZERO, battery, beams);
    }

    private static double[] open(int beams) {
        double[] ranges = new double[beams];
        Arrays.fill(ranges, Double.POSITIVE_INFINITY);
        return ranges;
    }

    @Test
    void passesSafeCommandsUnchangedToTheVehicle() {
        SupervisorDecision decision = supervisor.apply(1, new Vec2(2, 1), at(new Vec2(50, 50), 1.0), DT);
        assertEquals(new Vec2(2, 1), decision.velocity());
        assertFalse(decision.overridden());
        assertTrue(decision.interventions().isEmpty());
        assertEquals(new Vec2(2, 1), vehicle.state().commandedVelocity());
    }

    @Test
    void geofenceSlowsACommandSoTheVehicleStopsAtTheBoundary() {
        supervisor.setGeofence(FENCE);
        // 1 m from the east edge, asking for 5 m/s east: stopping takes 0.1 + 4.17 m, far more than 1 m.
        SupervisorDecision decision = supervisor.apply(7, new Vec2(5, 0), at(new Vec2(79, 50), 1.0), DT);
        double allowed = decision.velocity().x();
        assertTrue(allowed > 0 && allowed < 5, "slowed, not stopped: " + allowed);
        double stopping = allowed * DT + allowed * allowed / (2 * 3.0);
        assertEquals(1.0 - GeofenceRule.BOUNDARY_MARGIN_M, stopping, 1e-9, "just enough to stop at the boundary");
        assertTrue(decision.overridden());
        assertEquals(InterventionKind.GEOFENCE_CLAMP, decision.interventions().get(0).kind());
        assertEquals(7, decision.interventions().get(0).tick());
        assertEquals(1L, supervisor.counts().get(InterventionKind.GEOFENCE_CLAMP));
    }

    @Test
    void geofenceLetsMovesAlongOrAwayFromTheBoundaryPass() {
        supervisor.setGeofence(FENCE);
        assertFalse(supervisor.apply(1, new Vec2(-5, 0), at(new Vec2(79, 50), 1.0), DT).overridden());
        assertFalse(supervisor.apply(2, new Vec2(0, 3), at(new Vec2(79, 50), 1.0), DT).overridden());
    }

    @Test
    void geofenceOutsideOnlyAllowsMovingBackIn() {
        supervisor.setGeofence(FENCE);
        Vec2 outside = new Vec2(10, 50);
        assertEquals(new Vec2(4, 1), supervisor.apply(1, new Vec2(4, 1), at(outside, 1.0), DT).velocity());
        SupervisorDecision away = supervisor.apply(2, new Vec2(-4, 1), at(outside, 1.0), DT);
        assertEquals(new Vec2(0, 1), away.velocity());
        assertEquals(InterventionKind.GEOFENCE_CLAMP, away.interventions().get(0).kind());
    }

    @Test
    void aSimulatedVehiclePushingAtTheFenceNeverLeavesIt() {
        supervisor.setGeofence(FENCE);
        SimulatedVehicle fast = new SimulatedVehicle(TestWorlds.empty(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0), new Vec2(50, 50), 1.0);
        SafetySupervisor guard = new SafetySupervisor(fast, SafetyConfig.defaults(), BASE);
        guard.setGeofence(FENCE);
        for (long tick = 0; tick < 1500; tick++) {
            guard.apply(tick, new Vec2(8, 0), fast.readSensors(), DT);
            fast.advance(DT);
            assertTrue(FENCE.contains(fast.state().position()), "left the fence at tick " + tick);
        }
        assertTrue(fast.state().position().x() > 79.5, "got close to the edge: " + fast.state().position());
        assertEquals(1L, guard.counts().get(InterventionKind.GEOFENCE_CLAMP), "one episode, not one per tick");
    }

    @Test
    void obstacleCloserThanTheStopDistanceAheadStops() {
        double[] ranges = open(16);
        ranges[0] = 0.4;
        SupervisorDecision decision = supervisor.apply(3, new Vec2(2, 0.5), at(new Vec2(50, 50), 1.0, ranges), DT);
        assertEquals(Vec2.ZERO, decision.velocity());
        assertEquals(InterventionKind.OBSTACLE_STOP, decision.interventions().get(0).kind());
        assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity());
    }

    @Test
    void obstacleBehindOrBesideDoesNotStop() {
        double[] ranges = open(16);
        ranges[0] = 0.4;
        assertEquals(new Vec2(-2, 0), supervisor.apply(1, new Vec2(-2, 0), at(new Vec2(50, 50), 1.0, ranges), DT)
                .velocity());
        assertEquals(new Vec2(0, 2), supervisor.apply(2, new Vec2(0, 2), at(new Vec2(50, 50), 1.0, ranges), DT)
                .velocity());
    }

    @Test
    void obstacleFurtherAheadLimitsTheSpeedToStopInTime() {
        double[] ranges = open(16);
        ranges[4] = 2.5;
        Vec2 limited = supervisor.apply(1, new Vec2(0, 6), at(new Vec2(50, 50), 1.0, ranges), DT).velocity();
        double speed = limited.y();
        assertEquals(2.0, speed * DT + speed * speed / 6.0, 1e-9, "stops 0.5 m short of the obstacle");
    }

    @Test
    void aSimulatedVehicleDrivingAtAPillarStopsShortOfIt() {
        SimulatedVehicle robot = new SimulatedVehicle(TestWorlds.withPillar(),
                SimulatedVehicleConfig.defaults(1).withPositionNoise(0), new Vec2(40, 50), 1.0);
        SafetySupervisor guard = new SafetySupervisor(robot, SafetyConfig.defaults(), BASE);
        for (long tick = 0; tick < 1000; tick++) {
            guard.apply(tick, new Vec2(8, 0), robot.readSensors(), DT);
            robot.advance(DT);
        }
        assertEquals(0, robot.collisions());
        double gap = 58.0 - robot.state().position().x();
        assertTrue(gap >= 0.45 && gap < 0.6, "stopped about 0.5 m from the pillar, gap " + gap);
        assertEquals(1L, guard.counts().get(InterventionKind.OBSTACLE_STOP));
    }

    @Test
    void lowBatteryReturnsToBaseAndOverridesTheAgents() {
        supervisor.setGeofence(FENCE);
        SupervisorDecision first = supervisor.apply(5, new Vec2(3, 0), at(new Vec2(50, 50), 0.15), DT);
        assertTrue(supervisor.isReturningToBase());
        assertEquals(InterventionKind.BATTERY_RTB, first.interventions().get(0).kind());
        Vec2 towardsBase = BASE.minus(new Vec2(50, 50)).normalized().times(3.0);
        assertEquals(towardsBase.x(), first.velocity().x(), 1e-9);
        assertEquals(towardsBase.y(), first.velocity().y(), 1e-9);
        // Latched: the base lies outside the fence and the agents still ask for something else.
        SupervisorDecision later = supervisor.apply(6, new Vec2(3, 0), at(new Vec2(15, 15), 0.3), DT);
        assertTrue(later.velocity().x() < 0 && later.velocity().y() < 0);
        assertTrue(later.interventions().isEmpty(), "one event per return");
        assertEquals(Vec2.ZERO, supervisor.apply(7, new Vec2(3, 0), at(new Vec2(10.5, 10), 0.3), DT).velocity());
        assertEquals(1L, supervisor.counts().get(InterventionKind.BATTERY_RTB));
        supervisor.cancelReturnToBase();
        assertEquals(new Vec2(3, 0), supervisor.apply(8, new Vec2(3, 0), at(new Vec2(30, 30), 0.9), DT).velocity());
    }

    @Test
    void aReturnToBaseBegunByTheNodeSteersHomeLikeTheBatteryRuleUntilCancelled() {
        supervisor.setGeofence(FENCE);
        assertTrue(supervisor.beginReturnToBase("link to C2 lost"));
        assertTrue(supervisor.isReturningToBase());
        assertEquals(InterventionKind.RETURN_TO_BASE, heard.get(0).kind());
        assertTrue(heard.get(0).detail().contains("link to C2 lost"), heard.get(0).detail());
        assertFalse(supervisor.beginReturnToBase("again"), "already returning: not a second start");
        assertEquals(1L, supervisor.counts().get(InterventionKind.RETURN_TO_BASE));

        SupervisorDecision decision = supervisor.apply(5, new Vec2(3, 0), at(new Vec2(50, 50), 0.9), DT);
        Vec2 towardsBase = BASE.minus(new Vec2(50, 50)).normalized().times(3.0);
        assertEquals(towardsBase.x(), decision.velocity().x(), 1e-9);
        assertEquals(towardsBase.y(), decision.velocity().y(), 1e-9);
        assertTrue(decision.overridden());
        assertEquals(Vec2.ZERO, supervisor.apply(6, new Vec2(3, 0), at(new Vec2(10.5, 10), 0.9), DT).velocity());

        supervisor.cancelReturnToBase();
        assertEquals(new Vec2(3, 0), supervisor.apply(7, new Vec2(3, 0), at(new Vec2(30, 30), 0.9), DT).velocity());
    }

    @Test
    void aReturnToBaseIsNotBegunTwiceWhenTheBatteryRuleAlreadyReturns() {
        supervisor.apply(5, Vec2.ZERO, at(new Vec2(50, 50), 0.1), DT);
        assertTrue(supervisor.isReturningToBase());
        assertFalse(supervisor.beginReturnToBase("link to C2 lost"));
        assertEquals(0L, supervisor.counts().get(InterventionKind.RETURN_TO_BASE));
    }

    @Test
    void emergencyStopLatchesUntilACommanderClearsIt() {
        vehicle.commandVelocity(new Vec2(3, 0));
        supervisor.engageEmergencyStop(EstopSource.MESH, "peer saw a person");
        assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity(), "stopped at once, before the next tick");
        assertTrue(supervisor.isEmergencyStopLatched());
        assertEquals(InterventionKind.ESTOP, heard.get(0).kind());
        assertTrue(heard.get(0).detail().contains("MESH"));

        assertEquals(Vec2.ZERO, supervisor.apply(1, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT).velocity());
        assertFalse(supervisor.clearEmergencyStop(EstopSource.MESH), "a peer cannot release the vehicle");
        assertEquals(Vec2.ZERO, supervisor.apply(2, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT).velocity());
        assertTrue(supervisor.clearEmergencyStop(EstopSource.C2));
        assertEquals(new Vec2(3, 0), supervisor.apply(3, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT).velocity());
    }

    @Test
    void workBeforeTheListenersRunsOnceTheVehicleIsStoppedAndBeforeAnyListener() {
        vehicle.commandVelocity(new Vec2(3, 0));
        List<String> order = new ArrayList<>();
        supervisor.addListener(event -> order.add("listener " + event.kind()));
        supervisor.engageEmergencyStop(EstopSource.MESH, "peer", latched -> {
            order.add("before listeners " + latched.kind());
            assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity(), "the vehicle is stopped first");
            assertTrue(heard.isEmpty(), "no listener has run yet");
        });
        assertEquals(List.of("before listeners ESTOP", "listener ESTOP"), order);
        assertEquals(1, heard.size());

        List<Intervention> again = new ArrayList<>();
        supervisor.engageEmergencyStop(EstopSource.C2, "again", again::add);
        assertEquals(1, again.size(), "it runs when already latched too");
        assertNull(again.get(0), "with no new event");
        assertEquals(1, heard.size(), "and no listener hears anything");
    }

    @Test
    void anEmergencyStopDoesNotWaitForAnotherThreadHoldingTheSupervisor() throws Exception {
        vehicle.commandVelocity(new Vec2(3, 0));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A thread of normal priority preempted inside a tick's decision holds the supervisor's lock like this.
        Thread tick = new Thread(() -> {
            synchronized (supervisor) {
                holding.countDown();
                awaitQuietly(release);
            }
        }, "tick holding the supervisor");
        tick.start();
        try {
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            CompletableFuture<Intervention> latched = new CompletableFuture<>();
            Thread peer = new Thread(() -> supervisor.engageEmergencyStop(EstopSource.MESH, "peer", latched::complete),
                    "mesh receive");
            peer.start();
            assertEquals(InterventionKind.ESTOP, latched.get(10, TimeUnit.SECONDS).kind(),
                    "latched while the lock is held");
            assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity(), "and the vehicle stopped");
            assertTrue(supervisor.isEmergencyStopLatched(), "which the tick's next decision sees without the lock too");
            release.countDown();
            peer.join(10_000);
            assertEquals(1L, supervisor.counts().get(InterventionKind.ESTOP), "counted once the lock is free");
        } finally {
            release.countDown();
            tick.join(10_000);
        }
    }

    @Test
    void concurrentEmergencyStopsDuringTicksLatchOnceAndLeaveTheVehicleStopped() throws Exception {
        for (int round = 0; round < 50; round++) {
            SimulatedVehicle car = new SimulatedVehicle(TestWorlds.empty(),
                    SimulatedVehicleConfig.defaults(1).withPositionNoise(0));
            SafetySupervisor guard = new SafetySupervisor(car, SafetyConfig.defaults(), BASE);
            List<Intervention> events = java.util.Collections.synchronizedList(new ArrayList<>());
            guard.addListener(events::add);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            Thread tick = new Thread(() -> {
                awaitQuietly(go);
                for (int t = 1; t <= 200; t++) {
                    guard.apply(t, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT);
                }
            });
            threads.add(tick);
            for (int i = 0; i < 6; i++) {
                int peer = i;
                threads.add(new Thread(() -> {
                    awaitQuietly(go);
                    guard.engageEmergencyStop(EstopSource.MESH, "peer " + peer);
                }));
            }
            threads.forEach(Thread::start);
            go.countDown();
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertEquals(1L, guard.counts().get(InterventionKind.ESTOP), "one latch, however many stops raced");
            assertEquals(1, events.stream().filter(e -> e.kind() == InterventionKind.ESTOP).count());
            assertTrue(guard.isEmergencyStopLatched());
            assertEquals(Vec2.ZERO, car.state().commandedVelocity(), "round " + round + ": the stop stands");
        }
    }

    @Test
    void anEmergencyStopLatchedWhileATickDecidesStillStopsTheVehicle() {
        // The e-stop comes after the tick decided (not latched: full speed) and before its command reaches the vehicle.
        Vehicle racing = new Vehicle() {
            private boolean raced;

            @Override
            public String kind() {
                return vehicle.kind();
            }

            @Override
            public VehicleReadings readSensors() {
                return vehicle.readSensors();
            }

            @Override
            public void commandVelocity(Vec2 velocity) {
                if (!raced) {
                    raced = true;
                    guarded.engageEmergencyStop(EstopSource.MESH, "peer, mid-tick");
                }
                vehicle.commandVelocity(velocity);
            }

            @Override
            public void stop() {
                vehicle.stop();
            }

            @Override
            public VehicleState state() {
                return vehicle.state();
            }

            @Override
            public void advance(double dtSeconds) {
                vehicle.advance(dtSeconds);
            }
        };
        guarded = new SafetySupervisor(racing, SafetyConfig.defaults(), BASE);
        SupervisorDecision decision = guarded.apply(1, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT);
        assertEquals(new Vec2(3, 0), decision.velocity(), "decided before the latch");
        assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity(), "the stop outlives the tick's command");
        assertEquals(Vec2.ZERO, guarded.apply(2, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT).velocity());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void listenersHearTheLatchEvenWhenTheWorkBeforeThemThrows() {
        assertThrows(IllegalStateException.class, () -> supervisor.engageEmergencyStop(EstopSource.MESH, "peer",
                latched -> {
                    throw new IllegalStateException("the relay failed");
                }), "the caller's failure is the caller's");
        assertTrue(supervisor.isEmergencyStopLatched());
        assertEquals(InterventionKind.ESTOP, heard.get(0).kind(), "the latch is still persisted and reported");
    }

    @Test
    void everyEmergencyStopSourceLatches() {
        for (EstopSource source : EstopSource.values()) {
            supervisor.engageEmergencyStop(source, "test");
            assertTrue(supervisor.isEmergencyStopLatched(), source.name());
            assertTrue(supervisor.apply(1, new Vec2(1, 0), at(new Vec2(50, 50), 1.0), DT).overridden());
            supervisor.clearEmergencyStop(EstopSource.LOCAL_DEBUG_PORT);
        }
        assertEquals(3L, supervisor.counts().get(InterventionKind.ESTOP));
        supervisor.engageEmergencyStop(EstopSource.C2, "again");
        supervisor.engageEmergencyStop(EstopSource.MESH, "while latched");
        assertEquals(4L, supervisor.counts().get(InterventionKind.ESTOP), "re-engaging a latched stop is no new event");
    }

    @Test
    void emergencyStopWinsOverReturnToBase() {
        supervisor.engageEmergencyStop(EstopSource.C2, "hold");
        assertEquals(Vec2.ZERO, supervisor.apply(1, Vec2.ZERO, at(new Vec2(50, 50), 0.05), DT).velocity());
    }

    @Test
    void nonFiniteRequestsBecomeZero() {
        SupervisorDecision decision = supervisor.apply(1, new Vec2(Double.NaN, 1), at(new Vec2(50, 50), 1.0), DT);
        assertEquals(Vec2.ZERO, decision.velocity());
    }

    @Test
    void deadmanTripStopsTheVehicleAndIsReported() {
        vehicle.commandVelocity(new Vec2(3, 0));
        supervisor.apply(41, new Vec2(3, 0), at(new Vec2(50, 50), 1.0), DT);
        supervisor.deadmanTripped("stalled");
        assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity());
        Intervention event = supervisor.recentInterventions().get(0);
        assertEquals(new Intervention(InterventionKind.DEADMAN_STOP, 41, "stalled"), event);
        assertEquals(List.of(event), heard);
    }
}
