package io.lockstep.edge.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.mission.HostInputs;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.testing.RecordingReporter;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.Intervention;
import io.lockstep.platform.safety.InterventionKind;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.proto.v1.NodeMissionState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterventionReporterTest {

    private final SafetySupervisor supervisor = new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(),
            SimulatedVehicleConfig.defaults(1), new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    private final HostInputs hostInputs = new HostInputs();
    private final RecordingReporter reporter = new RecordingReporter();
    private final AtomicLong clock = new AtomicLong(10_000);
    private final AtomicReference<Optional<MissionView>> mission = new AtomicReference<>(Optional.of(
            new MissionView("m1", NodeMissionState.RUNNING, "", 7, "ab", "/j", List.of(), 0, false, "CONTINUE", 0,
                    20)));
    private final InterventionReporter interventions = new InterventionReporter(supervisor, hostInputs, reporter,
            mission::get, clock::get);

    @Test
    void everyEventIsJournaledAndReportedWithTheCounters() {
        interventions.install();
        supervisor.engageEmergencyStop(io.lockstep.platform.safety.EstopSource.C2, "test");
        List<HostInputs.Pending> queued = hostInputs.drain();
        assertEquals(1, queued.size());
        assertEquals(InterventionReporter.EVENT_KIND, queued.get(0).kind());
        assertTrue(new String(queued.get(0).data(), StandardCharsets.UTF_8).startsWith("ESTOP "));
        assertEquals(1, reporter.statuses.size());
        assertEquals("m1", reporter.statuses.get(0).getMissionId());
        assertEquals(1, reporter.statuses.get(0).getInterventionsOrThrow("ESTOP"));
        assertTrue(reporter.statuses.get(0).getDetail().contains("ESTOP at tick"));
    }

    @Test
    void frequentKindsAreReportedAtMostOncePerSecondButAlwaysJournaled() {
        for (int i = 0; i < 5; i++) {
            interventions.accept(new Intervention(InterventionKind.OBSTACLE_STOP, i, "obstacle ahead"));
        }
        assertEquals(5, hostInputs.drain().size());
        assertEquals(1, reporter.statuses.size());
        clock.addAndGet(InterventionReporter.MIN_REPORT_INTERVAL_MILLIS);
        interventions.accept(new Intervention(InterventionKind.OBSTACLE_STOP, 9, "obstacle ahead"));
        interventions.accept(new Intervention(InterventionKind.DEADMAN_STOP, 9, "stalled"));
        interventions.accept(new Intervention(InterventionKind.DEADMAN_STOP, 9, "stalled"));
        assertEquals(4, reporter.statuses.size());
    }

    @Test
    void everyKindButTheUrgentOnesIsThrottledPerKind() {
        for (InterventionKind kind : InterventionKind.values()) {
            for (int tick = 0; tick < 3; tick++) {
                interventions.accept(new Intervention(kind, tick, "again"));
            }
        }
        assertEquals(3 * InterventionKind.values().length, hostInputs.drain().size(), "every event is journaled");
        for (InterventionKind kind : InterventionKind.values()) {
            long sent = reporter.statuses.stream().filter(s -> s.getDetail().contains(kind.name() + " at tick")).count();
            boolean urgent = kind == InterventionKind.ESTOP || kind == InterventionKind.DEADMAN_STOP
                    || kind == InterventionKind.BATTERY_RTB || kind == InterventionKind.RETURN_TO_BASE;
            assertEquals(urgent ? 3 : 1, sent, kind.name());
        }
        // right of way backing out every other tick (a node that starts beside a peer): one update a second
        clock.addAndGet(InterventionReporter.MIN_REPORT_INTERVAL_MILLIS - 1);
        interventions.accept(new Intervention(InterventionKind.SWARM_YIELD, 50, "backing out"));
        clock.addAndGet(1);
        interventions.accept(new Intervention(InterventionKind.SWARM_YIELD, 52, "backing out"));
        assertEquals(2, reporter.statuses.stream().filter(s -> s.getDetail().contains("SWARM_YIELD at tick")).count());
    }

    @Test
    void aClockSteppedBackDoesNotSilenceTheReports() {
        interventions.accept(new Intervention(InterventionKind.HAZARD_KEEP_OUT, 1, "held off"));
        clock.addAndGet(-3_600_000); // an hour back
        interventions.accept(new Intervention(InterventionKind.HAZARD_KEEP_OUT, 2, "held off"));
        interventions.accept(new Intervention(InterventionKind.HAZARD_KEEP_OUT, 3, "held off"));
        assertEquals(2, reporter.statuses.size(), "the first after the step goes out, the next is throttled again");
    }

    @Test
    void withoutAnyMissionNothingIsSentButTheEventIsStillQueued() {
        mission.set(Optional.empty());
        interventions.accept(new Intervention(InterventionKind.ESTOP, 0, "x"));
        assertEquals(0, reporter.statuses.size());
        assertEquals(1, hostInputs.drain().size());
    }
}
