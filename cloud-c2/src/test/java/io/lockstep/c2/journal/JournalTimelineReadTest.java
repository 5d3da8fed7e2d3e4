package io.lockstep.c2.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.MissionRuntime;
import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline read straight from a journal's records, without C2 around it. */
class JournalTimelineReadTest {

    @TempDir
    Path dir;

    private Path journal(int ticks) {
        Path file = dir.resolve("m-1-node-1.journal");
        try (MissionRuntime runtime = MissionRuntime.builder().missionId("m-1").nodeId("node-1")
                .agent(new AgentDefinition("surveyor", JournalFixtures.module(), List.of(), CapabilityGrant.none()))
                .journal(file).workers(1).build()) {
            for (int t = 1; t <= ticks; t++) {
                TickInputs.Builder inputs = TickInputs.builder().sensorFrame(new SensorFrame(t, t / 2.0, -t, 0.5, -1,
                        0.9, t == 7 ? SensorFrame.FLAG_ESTOP_LATCHED : SensorFrame.FLAG_LINK_UP, new double[0]).encode());
                if (t == 12) {
                    inputs.hostEvent("intervention", "GEOFENCE_CLAMP 11 clamped at the east edge"
                            .getBytes(StandardCharsets.UTF_8));
                    inputs.hostEvent("manual_override_end", "timeout".getBytes(StandardCharsets.UTF_8));
                }
                runtime.tick(inputs.build());
            }
        }
        return file;
    }

    @Test
    void everyTickCarriesThePositionTheAgentsAndTheInterventionsJournaledForIt() {
        JournalTimeline.Page page = JournalTimeline.read(journal(30), "m-1", "node-1", 0, 2000, 1);
        assertThat(page.agents()).containsExactly("surveyor");
        assertThat(page.firstTick()).isEqualTo(1);
        assertThat(page.lastTick()).isEqualTo(30);
        assertThat(page.ticks()).hasSize(30);
        assertThat(page.next()).isNull();
        assertThat(page.interventionsTotal()).isEqualTo(1);
        JournalTimeline.Tick at12 = page.ticks().get(11);
        assertThat(at12.tick()).isEqualTo(12);
        assertThat(at12.xM()).isEqualTo(6.0);
        assertThat(at12.yM()).isEqualTo(-12.0);
        assertThat(at12.linkUp()).isTrue();
        assertThat(at12.estopLatched()).isFalse();
        assertThat(page.ticks().get(6).estopLatched()).isTrue();
        assertThat(at12.agents()).hasSize(1);
        assertThat(at12.agents().get(0).name()).isEqualTo("surveyor");
        assertThat(at12.interventions()).containsExactly(
                new JournalTimeline.InterventionAtTick("GEOFENCE_CLAMP", "clamped at the east edge"));
        assertThat(page.ticks().get(12).interventions()).isEmpty();
    }

    @Test
    void pagesFollowOnAndDownsamplingKeepsEveryInterventionTick() {
        Path file = journal(30);
        JournalTimeline.Page sampled = JournalTimeline.read(file, "m-1", "node-1", 0, 2000, 10);
        assertThat(sampled.ticks().stream().map(JournalTimeline.Tick::tick)).containsExactly(10L, 12L, 20L, 30L);
        JournalTimeline.Page first = JournalTimeline.read(file, "m-1", "node-1", 5, 4, 1);
        assertThat(first.ticks().stream().map(JournalTimeline.Tick::tick)).containsExactly(5L, 6L, 7L, 8L);
        assertThat(first.next()).isEqualTo(9L);
        JournalTimeline.Page second = JournalTimeline.read(file, "m-1", "node-1", first.next(), 4, 1);
        assertThat(second.ticks().get(0).tick()).isEqualTo(9L);
    }

    @Test
    void aJournalOfAnotherMissionOrNodeOrNoJournalAtAllIsRefused() throws Exception {
        Path file = journal(3);
        assertThatThrownBy(() -> JournalTimeline.read(file, "m-2", "node-1", 0, 10, 1))
                .isInstanceOf(UnreplayableJournalException.class);
        assertThatThrownBy(() -> JournalTimeline.read(file, "m-1", "node-2", 0, 10, 1))
                .isInstanceOf(UnreplayableJournalException.class);
        Path garbage = Files.write(dir.resolve("garbage"), "not a journal at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> JournalTimeline.read(garbage, "m-1", "node-1", 0, 10, 1))
                .isInstanceOf(UnreplayableJournalException.class);
    }
}
