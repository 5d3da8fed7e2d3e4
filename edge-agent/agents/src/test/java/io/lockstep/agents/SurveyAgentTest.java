package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import io.lockstep.agents.testing.KinematicWorld;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flies the survey agent in a simulated 2-D kinematic world (0.1 s ticks, 2 m/s^2, 0.2 m noise). */
class SurveyAgentTest {

    private static final double DT = 0.1;
    private static final double ACCELERATION = 2.0;
    private static final double NOISE = 0.2;
    private static final long MAX_TICKS = 20_000;

    private record Flight(int result, long ticks, List<double[]> track, FakeHost host) {
        FakeHost.Velocity lastCommand() {
            return host.velocities.get(host.velocities.size() - 1);
        }
    }

    private static Flight fly(FakeHost host, KinematicWorld world, String... params) {
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "node-7", params)));
        List<double[]> track = new ArrayList<>();
        int result = 0;
        long tick = 0;
        for (; tick < MAX_TICKS && result == 0; tick++) {
            host.sensorFrame(world.frame(tick));
            int before = host.velocities.size();
            result = survey.tick(tick);
            if (host.velocities.size() > before) {
                FakeHost.Velocity v = host.velocities.get(host.velocities.size() - 1);
                world.command(v.vx(), v.vy());
            }
            world.step();
            track.add(new double[] {world.x(), world.y()});
        }
        return new Flight(result, tick, track, host);
    }

    private static KinematicWorld world(double x, double y, double supervisorLimit, long seed) {
        return new KinematicWorld(x, y, DT, ACCELERATION, supervisorLimit, NOISE, seed);
    }

    /** Asserts the true track visits each point, in order, within `within` metres. */
    private static void assertVisitsInOrder(List<double[]> track, double within, double[]... points) {
        int from = 0;
        for (double[] p : points) {
            int hit = -1;
            for (int i = from; i < track.size(); i++) {
                if (Math.hypot(track.get(i)[0] - p[0], track.get(i)[1] - p[1]) <= within) {
                    hit = i;
                    break;
                }
            }
            assertTrue(hit >= 0, "track never reached (" + p[0] + ", " + p[1] + ") after step " + from);
            from = hit;
        }
    }

    @Test
    void coversARectangleLaneByLaneAndStops() {
        FakeHost host = new FakeHost(3).area(0, 0, 40, 0, 40, 30, 0, 30);
        Flight flight = fly(host, world(-5, -5, 100, 1));

        assertEquals(1, flight.result());
        assertTrue(flight.ticks() < 3_000, "took " + flight.ticks() + " ticks");
        assertTrue(host.logMessages().contains("survey: planned 3 lanes, 6 waypoints"), host.logMessages().toString());
        // Lanes at y = 5, 15, 25 (each sweeps 10 m), alternating direction.
        assertVisitsInOrder(flight.track(), 1.8,
                new double[] {0, 5}, new double[] {40, 5}, new double[] {40, 15},
                new double[] {0, 15}, new double[] {0, 25}, new double[] {40, 25});
        assertEquals(0.0, flight.lastCommand().vx());
        assertEquals(0.0, flight.lastCommand().vy());
        assertEquals(1000, host.progress.get(host.progress.size() - 1));
        for (int i = 1; i < host.progress.size(); i++) {
            assertTrue(host.progress.get(i) > host.progress.get(i - 1), "progress only moves forward");
        }
        assertTrue(host.progress.size() > 100, "progress follows the distance flown, not just waypoints");
        for (FakeHost.Velocity v : host.velocities) {
            assertTrue(Math.hypot(v.vx(), v.vy()) <= 5.0 + 1e-9, "commanded above the default speed");
        }
    }

    @Test
    void finishesWithFastTicksAndTheDemoParameters() {
        // 20 ms ticks, 3 m/s^2, 6 m/s commanded: the demo's vehicle and mission settings.
        FakeHost host = new FakeHost(3).area(0, 0, 60, 0, 60, 60, 0, 60);
        KinematicWorld fast = new KinematicWorld(30, -20, 0.02, 3.0, 8.0, NOISE, 7);
        Flight flight = fly(host, fast, "lane_spacing=12", "speed=6");

        assertEquals(1, flight.result());
        assertTrue(host.logMessages().contains("survey: planned 5 lanes, 10 waypoints"), host.logMessages().toString());
        assertTrue(host.logMessages().stream().noneMatch(m -> m.contains("skipping")), host.logMessages().toString());
        assertVisitsInOrder(flight.track(), 1.8, new double[] {0, 6}, new double[] {60, 6}, new double[] {60, 18},
                new double[] {0, 18}, new double[] {0, 30}, new double[] {60, 30}, new double[] {60, 42},
                new double[] {0, 42}, new double[] {0, 54}, new double[] {60, 54});
    }

    @Test
    void publishesProgressOnItsNodeTopic() {
        FakeHost host = new FakeHost(3).area(0, 0, 20, 0, 20, 10, 0, 10);
        Flight flight = fly(host, world(0, 0, 100, 2));

        assertEquals(1, flight.result());
        assertTrue(host.emitted.size() >= 2);
        for (FakeHost.Emitted e : host.emitted) {
            assertEquals("swarm/progress/node-7", e.topic());
            assertTrue(e.data().matches("progress=\\d+ waypoint=\\d+/2 x=-?\\d+\\.\\d\\d y=-?\\d+\\.\\d\\d"), e.data());
        }
        assertTrue(host.emitted.get(0).data().startsWith("progress=0 waypoint=0/2"));
        int previous = -1;
        for (FakeHost.Emitted e : host.emitted) {
            int permille = Integer.parseInt(e.data().substring("progress=".length(), e.data().indexOf(' ')));
            assertTrue(permille >= previous, "published progress never goes back");
            previous = permille;
        }
        assertTrue(host.emitted.size() >= 10 && host.emitted.size() <= 25, "about one message per 50 permille");
        assertTrue(host.emitted.get(host.emitted.size() - 1).data().startsWith("progress=1000 waypoint=2/2"));
    }

    @Test
    void keepsFlyingWhenTheProgressTopicIsDenied() {
        FakeHost host = new FakeHost(3).area(0, 0, 20, 0, 20, 10, 0, 10).topicGranted(topic -> false);
        Flight flight = fly(host, world(0, 0, 100, 3));

        assertEquals(1, flight.result());
        assertTrue(host.emitted.isEmpty());
        assertEquals(1, host.logMessages().stream().filter(m -> m.contains("progress topic not granted")).count());
    }

    @Test
    void finishesATriangleWhileTheSupervisorClampsItsSpeed() {
        FakeHost host = new FakeHost(3).area(0, 0, 60, 0, 30, 45);
        Flight flight = fly(host, world(30, -10, 1.5, 4), "lane_spacing=15", "speed=8", "tolerance=1.5");

        assertEquals(1, flight.result());
        // 45 m high / 15 m = 3 lanes at y = 7.5, 22.5, 37.5; the polygon narrows as y grows.
        assertTrue(host.logMessages().contains("survey: planned 3 lanes, 6 waypoints"), host.logMessages().toString());
        assertVisitsInOrder(flight.track(), 2.5,
                new double[] {5, 7.5}, new double[] {55, 7.5}, new double[] {45, 22.5},
                new double[] {15, 22.5}, new double[] {25, 37.5}, new double[] {35, 37.5});
    }

    @Test
    void spansTheOuterCrossingsOfANonConvexArea() {
        // An L shape: the lower lanes cross the full 40 m, the upper ones only the 10 m leg.
        FakeHost host = new FakeHost(3).area(0, 0, 40, 0, 40, 10, 10, 10, 10, 40, 0, 40);
        Flight flight = fly(host, world(0, 0, 100, 5), "lane_spacing=10");

        assertEquals(1, flight.result());
        assertTrue(host.logMessages().contains("survey: planned 4 lanes, 8 waypoints"), host.logMessages().toString());
        assertVisitsInOrder(flight.track(), 1.8,
                new double[] {0, 5}, new double[] {40, 5}, new double[] {10, 15}, new double[] {0, 15},
                new double[] {0, 25}, new double[] {10, 25}, new double[] {10, 35}, new double[] {0, 35});
    }

    @Test
    void skipsWaypointsItCannotReachAndStillFinishes() {
        // The supervisor holds the vehicle still: no waypoint is ever reached.
        FakeHost host = new FakeHost(3).area(0, 0, 20, 0, 20, 10, 0, 10);
        Flight flight = fly(host, world(-50, -50, 0.0, 6), "stall_ticks=40");

        assertEquals(1, flight.result());
        assertEquals(2, host.logMessages().stream().filter(m -> m.startsWith("survey: skipping unreachable waypoint")).count());
        assertTrue(flight.ticks() < 200, "took " + flight.ticks());
    }

    @Test
    void holdsStillWhileTheEmergencyStopIsLatched() {
        FakeHost host = new FakeHost(3).area(0, 0, 20, 0, 20, 10, 0, 10);
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "n")));
        host.sensorFrame(FakeHost.frame(0, -10, -10, 0, 0, 1));
        assertEquals(0, survey.tick(0));
        assertEquals(new FakeHost.Velocity(0, 0, 0), host.velocities.get(0));
        host.sensorFrame(FakeHost.frame(1, -10, -10, 0, 0, 0));
        assertEquals(0, survey.tick(1));
        assertTrue(host.velocities.get(1).vx() > 0 && host.velocities.get(1).vy() > 0, "heads for the first waypoint");
    }

    @Test
    void failsWithoutAUsableArea() {
        assertEquals(-3, firstTick(new FakeHost(1)));
        assertEquals(-3, firstTick(new FakeHost(1).area(0, 0, 10, 10)));
        assertEquals(-3, firstTick(new FakeHost(1).area(0, 0, Double.NaN, 0, 10, 10)));
        double[] tooMany = new double[2 * 65];
        for (int i = 0; i < 65; i++) {
            tooMany[2 * i] = Math.cos(i * 2 * Math.PI / 65) * 100;
            tooMany[2 * i + 1] = Math.sin(i * 2 * Math.PI / 65) * 100;
        }
        assertEquals(-2, firstTick(new FakeHost(1).area(tooMany)));
        assertEquals(-4, firstTick(new FakeHost(1).area(0, 0, 10, 0, 10, 1e6)));
    }

    private static int firstTick(FakeHost host) {
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "n")));
        host.sensorFrame(FakeHost.frame(0, 0, 0, 0, 0, 0));
        return survey.tick(0);
    }

    @Test
    void failsOnAMalformedSensorFrame() {
        FakeHost host = new FakeHost(1).area(0, 0, 20, 0, 20, 10, 0, 10);
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "n")));
        byte[] frame = FakeHost.frame(0, 0, 0, 0, 0, 0, 5.0, 6.0);
        host.sensorFrame(java.util.Arrays.copyOf(frame, frame.length - 8)); // range_count says 2, only 1 present
        assertEquals(-1, survey.tick(0));
        assertTrue(host.logMessages().contains("survey: cannot read the sensor frame"));
    }

    @Test
    void rejectsInvalidParameters() {
        for (String bad : List.of("lane_spacing=0", "lane_spacing=abc", "speed=", "speed=1e3", "tolerance=-1",
                "approach_gain=nan", "decel=1..0", "stall_ticks=0", "stall_ticks=1.5")) {
            FakeHost host = new FakeHost(1);
            AgentHarness survey = AgentHarness.load("survey", host);
            assertEquals(1, survey.init(AgentHarness.params("survey", "n", bad)), bad);
            assertTrue(host.logMessages().get(0).startsWith("survey: invalid parameter "), bad);
        }
    }

    @Test
    void acceptsEveryDecimalNotation() {
        FakeHost host = new FakeHost(1);
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "n",
                "lane_spacing=+1.5e1", "speed=2.50", "tolerance=.75", "decel=2E0", "stall_ticks=+100")));
    }

    @Test
    void readsParametersByExactKeyAndTheLastLineWins() {
        // "speedy" and "lane" are other keys; the second "speed" line replaces the malformed first one.
        FakeHost host = new FakeHost(1).area(0, 0, 100, 0, 100, 10, 0, 10);
        AgentHarness survey = AgentHarness.load("survey", host);
        assertEquals(0, survey.init(AgentHarness.params("survey", "n", "speed=fast", "speedy=x", "lane=0", "speed=2")));
        host.sensorFrame(FakeHost.frame(0, -50, 5, 0, 0, 0));
        assertEquals(0, survey.tick(0));
        assertEquals(2.0, host.velocities.get(0).vx(), 1e-12);
    }
}
