package io.lockstep.edge.link;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.edge.testing.FakeC2;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class C2LinkTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LinkToFakeC2 fixture = new LinkToFakeC2();

    private C2Link link;
    private final List<C2ToEdge> commands = new CopyOnWriteArrayList<>();
    private final List<LinkState> states = new CopyOnWriteArrayList<>();

    private FakeC2 c2() {
        return fixture.c2();
    }

    private C2Link newLink() {
        return newLink(LinkSettings.DEFAULT_RESEND_AFTER_MILLIS);
    }

    private C2Link newLink(long resendAfterMillis) {
        return fixture.start(fixture.settings(200).withResendAfterMillis(resendAfterMillis), dir, 1000,
                () -> Heartbeat.newBuilder().setMissionId("m").build(), new LinkListener() {
                    public void onCommand(C2ToEdge command) {
                        commands.add(command);
                    }

                    public void onBlob(Blob blob) {
                    }

                    public void onLinkState(LinkState state) {
                        states.add(state);
                    }
                });
    }

    private static StatusUpdate status(String detail) {
        return StatusUpdate.newBuilder().setMissionId("m").setDetail(detail).build();
    }

    @Test
    void linkCutAndRestoredDeliversEveryStatusOnceAndInOrderAndTheSpooledTelemetry() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        link.sendStatus(status("a"));
        await("a stored", () -> c2().lastStoredSeq() == 1);
        await("a acknowledged", () -> link.outbox().pendingCount() == 0);

        c2().cut();
        await("link down", () -> link.state() != LinkState.CONNECTED);
        link.sendStatus(status("b"));
        link.sendStatus(status("c"));
        link.sendTelemetry(Telemetry.newBuilder().setTick(10).build());
        link.sendTelemetry(Telemetry.newBuilder().setTick(20).build());
        assertEquals(2, link.spool().size());
        assertEquals(2, link.outbox().pendingCount());

        c2().restore();
        await("b and c stored", () -> c2().lastStoredSeq() == 3);
        await("outbox acknowledged", () -> link.outbox().pendingCount() == 0);

        assertEquals(List.of("a", "b", "c"), c2().stored().stream().map(m -> m.getStatus().getDetail()).toList());
        assertEquals(List.of(1L, 2L, 3L), c2().stored().stream().map(EdgeToC2::getSeq).toList());
        // Telemetry follows the re-sent statuses on the stream: C2 may ack c before it has read them.
        await("spooled telemetry delivered", () -> c2().received(EdgeToC2::hasTelemetry).size() >= 2);
        List<Long> telemetryTicks = c2().received(EdgeToC2::hasTelemetry).stream()
                .map(m -> m.getTelemetry().getTick()).toList();
        assertEquals(List.of(10L, 20L), telemetryTicks);
        assertEquals(0, link.spool().size());
        assertTrue(link.sessionsEstablished() >= 2);
        assertTrue(states.contains(LinkState.DISCONNECTED));
    }

    @Test
    void aStatusC2DropsWithoutAckIsResentOnTheLiveLinkAfterTheTimeout() {
        link = newLink(300);
        await("link up", () -> link.state() == LinkState.CONNECTED);
        c2().dropNextSequenced(1);
        link.sendStatus(status("a"));
        await("a stored", () -> c2().lastStoredSeq() == 1);
        await("a acknowledged", () -> link.outbox().pendingCount() == 0);

        List<EdgeToC2> copies = c2().received(m -> m.getSeq() == 1);
        assertTrue(copies.size() >= 2, "the dropped first copy was followed by a re-send: " + copies.size());
        assertEquals("a", c2().stored().get(0).getStatus().getDetail());
        assertEquals(1, link.sessionsEstablished(), "re-sent on the same stream, without a reconnection");
    }

    @Test
    void telemetrySpooledWhileTheLinkIsUpIsDeliveredInTickOrderWithoutAReconnect() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        // What sendTelemetry spools when the live stream is not ready (C2 not keeping up).
        link.spool().add(Telemetry.newBuilder().setTick(5).build());
        link.sendTelemetry(Telemetry.newBuilder().setTick(10).build());

        await("both delivered", () -> c2().received(EdgeToC2::hasTelemetry).size() >= 2);
        assertEquals(List.of(5L, 10L), c2().received(EdgeToC2::hasTelemetry).stream()
                .map(m -> m.getTelemetry().getTick()).toList());
        // The spooled one is marked so (C2 never drops it from its history), the live one is not.
        assertEquals(List.of(true, false), c2().received(EdgeToC2::hasTelemetry).stream()
                .map(m -> m.getTelemetry().getSpooled()).toList());
        assertEquals(0, link.spool().size());
        assertEquals(1, link.sessionsEstablished());
    }

    @Test
    void afterReconnectOnlyWhatC2HasNotStoredIsResent() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        c2().setAcking(false);
        link.sendStatus(status("a"));
        link.sendStatus(status("b"));
        await("a and b stored", () -> c2().lastStoredSeq() == 2);
        assertEquals(2, link.outbox().pendingCount(), "no StatusAck yet, so both stay in the outbox");

        c2().cut();
        await("link down", () -> link.state() != LinkState.CONNECTED);
        link.sendStatus(status("c"));
        int before = c2().received(EdgeToC2::hasStatus).size();
        c2().setAcking(true);
        c2().restore();
        await("c stored", () -> c2().lastStoredSeq() == 3);

        List<String> resent = c2().received(EdgeToC2::hasStatus).subList(before, c2().received(EdgeToC2::hasStatus).size())
                .stream().map(m -> m.getStatus().getDetail()).toList();
        assertEquals(List.of("c"), resent, "Welcome.last_received_seq = 2 covers a and b");
        await("outbox acknowledged", () -> link.outbox().pendingCount() == 0);
    }

    @Test
    void helloCarriesTheNodeIdentityAndEveryHelloFollowsAReconnect() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        Hello hello = c2().received(EdgeToC2::hasHello).get(0).getHello();
        assertEquals("node-1", hello.getNodeId());
        assertEquals(1, hello.getAbiVersion());
        c2().cut();
        c2().restore();
        await("second hello", () -> c2().hellos() >= 2 && link.state() == LinkState.CONNECTED);
        await("heartbeats", () -> !c2().received(EdgeToC2::hasHeartbeat).isEmpty());
    }

    @Test
    void commandsAreHandedOverAndAMessageWithoutBodyIsIgnored() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        c2().send(C2ToEdge.newBuilder().setCommandSeq(9).build());
        c2().send(C2ToEdge.newBuilder().setCommandSeq(10)
                .setEmergencyStop(io.lockstep.proto.v1.EmergencyStop.newBuilder().setEngaged(true)).build());
        await("command delivered", () -> commands.size() == 1);
        assertEquals(10, commands.get(0).getCommandSeq());
        assertEquals(1, link.unknownMessages());
        assertEquals(LinkState.CONNECTED, link.state());
    }

    @Test
    void aCancelRequestIsHandedOverAsACommand() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        c2().send(C2ToEdge.newBuilder().setCommandSeq(11).setCancelMission(
                io.lockstep.proto.v1.CancelMissionRequest.newBuilder().setMissionId("m-1").setReason("weather")).build());
        await("cancel delivered", () -> commands.size() == 1);
        assertEquals("m-1", commands.get(0).getCancelMission().getMissionId());
        assertEquals(0, link.unknownMessages());
    }

    @Test
    void statusesSentBeforeACrashAreResentByTheNextProcess() {
        link = newLink();
        await("link up", () -> link.state() == LinkState.CONNECTED);
        c2().cut();
        await("link down", () -> link.state() != LinkState.CONNECTED);
        link.sendStatus(status("before-crash"));
        TestLinks.close(link);

        c2().restore();
        link = newLink();
        await("resent after restart", () -> c2().lastStoredSeq() == 1);
        assertEquals("before-crash", c2().stored().get(0).getStatus().getDetail());
        link.sendStatus(status("after"));
        await("next seq continues", () -> c2().lastStoredSeq() == 2);
    }
}
