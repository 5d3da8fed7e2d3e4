package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.FakeC2;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.LiveSampleCredit;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's link with a C2 that grants live-sample credit: it asks for credit in its Hello, sends no more live
 * samples than it holds credit for, keeps only the newest meanwhile, and sends that one when credit comes back.
 * Status updates never wait for credit.
 */
class LiveCreditLinkTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LinkToFakeC2 fixture = new LinkToFakeC2();

    private C2Link link;

    private FakeC2 c2() {
        return fixture.c2();
    }

    private void connect() {
        // Heartbeats once a minute: nothing but the test's messages on the stream.
        link = fixture.start(fixture.settings(60_000), dir, 100_000, () -> Heartbeat.newBuilder().build(),
                TestLinks.QUIET);
        await("link up", () -> link.state() == LinkState.CONNECTED);
    }

    private List<Long> liveTicks() {
        return c2().received(EdgeToC2::hasTelemetry).stream().map(m -> m.getTelemetry().getTick()).toList();
    }

    private void statusArrived(long tick) {
        link.sendStatus(StatusUpdate.newBuilder().setMissionId("m-1").setState(NodeMissionState.RUNNING).setTick(tick)
                .build());
        await("status " + tick + " stored", () -> c2().stored().stream().anyMatch(m -> m.getStatus().getTick() == tick));
    }

    @Test
    void liveSamplesWaitForCreditAndTheNewestGoesOutWhenItComes() {
        c2().liveCredit(3);
        connect();
        assertTrue(c2().received(EdgeToC2::hasHello).get(0).getHello().getLiveCredit(), "the node asks for credit");

        for (long tick = 1; tick <= 50; tick++) {
            link.sendTelemetry(Telemetry.newBuilder().setTick(tick).build());
        }
        // A state change goes out at once without credit, and after every sample sent before it.
        statusArrived(7);
        assertEquals(List.of(1L, 2L, 3L), liveTicks(), "the window of credit, nothing more");
        assertEquals(46, link.liveSamplesReplaced(), "4..49 replaced, 50 waits");

        c2().send(C2ToEdge.newBuilder().setLiveCredit(LiveSampleCredit.newBuilder().setSamples(2)).build());
        await("the newest sample once credit came back", () -> liveTicks().size() == 4);
        assertEquals(List.of(1L, 2L, 3L, 50L), liveTicks());
        link.sendTelemetry(Telemetry.newBuilder().setTick(51).build());
        await("one more credit held", () -> liveTicks().size() == 5);
        link.sendTelemetry(Telemetry.newBuilder().setTick(52).build());
        statusArrived(8);
        assertEquals(List.of(1L, 2L, 3L, 50L, 51L), liveTicks(), "out of credit again");
    }

    @Test
    void aC2WithoutCreditGetsEveryLiveSampleTheStreamTakes() {
        connect();
        for (long tick = 1; tick <= 50; tick++) {
            link.sendTelemetry(Telemetry.newBuilder().setTick(tick).build());
        }
        statusArrived(7);
        assertEquals(50, liveTicks().size());
    }
}
