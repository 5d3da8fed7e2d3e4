package io.lockstep.edge.app;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.mission.TickRecord;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.NodeProcessMain;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.runtime.JournalReplayer;
import io.lockstep.runtime.ReplayOptions;
import io.lockstep.runtime.ReplayReport;
import io.lockstep.runtime.journal.MissionJournal;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a node process mid-mission, then a restart on the same data dir: the mission resumes
 * from its journal at the next tick, the journal verifies across the crash, and C2 sees every status
 * seq exactly once and without gaps.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidMissionResumesFromItsJournalWithoutLosingOrDuplicatingStatus() throws Exception {
        Path data = dir.resolve("data");
        try (FakeC2 c2 = new FakeC2()) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NodeProcessMain.class.getName(), "node-1",
                    data.toString(), Integer.toString(c2.port()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
            long lastTickBeforeKill;
            try {
                await("node process connected", () -> c2.hellos() >= 1 && c2.connected());
                byte[] wasm = WasmAgents.idle(0);
                c2.offerBlob(BlobCache.sha256Hex(wasm), wasm);
                AgentSpec agent = Missions.agent("worker", wasm);
                c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(
                        Missions.assignment("m-crash", "node-1", 40, 10, LinkLossPolicy.CONTINUE, 0, agent))));
                await("well past the first snapshots", () -> lastHeartbeatTick(c2) >= 160);
            } finally {
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
                process.waitFor(30, TimeUnit.SECONDS);
            }
            lastTickBeforeKill = lastHeartbeatTick(c2);
            c2.cut();
            c2.restore();

            try (EdgeNode restarted = EdgeNode.start(NodeProcessMain.settings("node-1", data, c2.port()),
                    OpenTelemetry.noop())) {
                await("link up again", () -> restarted.link().state() == LinkState.CONNECTED);
                await("resumed", () -> c2.statuses().stream().anyMatch(s -> s.getDetail().startsWith("resumed")));
                StatusUpdate resumed = c2.statuses().stream().filter(s -> s.getDetail().startsWith("resumed"))
                        .findFirst().orElseThrow();
                assertEquals(NodeMissionState.RUNNING, resumed.getState());
                Matcher m = Pattern.compile("after tick (\\d+)").matcher(resumed.getDetail());
                assertTrue(m.find(), resumed.getDetail());
                long resumedAfter = Long.parseLong(m.group(1));
                assertTrue(resumedAfter >= lastTickBeforeKill,
                        "journal holds at least what was reported: " + resumedAfter + " vs " + lastTickBeforeKill);
                assertEquals(journaledFingerprint(Path.of(restarted.mission().orElseThrow().journalPath()),
                        resumedAfter), resumed.getFingerprint(), "the resumed status carries the last tick's fingerprint");

                await("ticking again", () -> restarted.mission().orElseThrow().tick() > resumedAfter + 20);
                List<TickRecord> after = restarted.ticks().range(0, Long.MAX_VALUE, 10);
                assertEquals(resumedAfter + 1, after.get(0).tick(), "continues at the next tick");

                ReplayReport replay = JournalReplayer.replay(
                        Path.of(restarted.mission().orElseThrow().journalPath()), ReplayOptions.defaults());
                assertTrue(replay.ok(), replay.detail());
                assertTrue(replay.lastVerifiedTick() > resumedAfter, "fingerprints verified across the crash: "
                        + replay.detail());

                long maxSeq = c2.lastStoredSeq();
                List<Long> seqs = c2.stored().stream().map(EdgeToC2::getSeq).toList();
                assertEquals(LongStream.rangeClosed(1, maxSeq).boxed().toList(), seqs, "no status seq lost");
                long accepted = c2.statuses().stream().filter(s -> s.getState() == NodeMissionState.ACCEPTED).count();
                assertEquals(1, accepted, "the mission was not restarted from scratch");
            }
        }
    }

    private static String journaledFingerprint(Path journal, long tick) {
        return MissionJournal.load(journal).ticks().stream().filter(t -> t.inputs().tick() == tick)
                .map(t -> HexFormat.of().formatHex(t.result().fingerprint())).findFirst().orElseThrow();
    }

    private static long lastHeartbeatTick(FakeC2 c2) {
        List<EdgeToC2> beats = c2.received(EdgeToC2::hasHeartbeat);
        return beats.stream().filter(b -> b.getHeartbeat().getMissionId().equals("m-crash"))
                .mapToLong(b -> b.getHeartbeat().getTick()).max().orElse(0);
    }
}
