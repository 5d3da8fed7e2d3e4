package io.lockstep.c2.link;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.FreezingProxy;
import io.lockstep.c2.support.RawHttp2Link;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Keepalive on the link, against the real C2 and its embedded Redis, with clients that are not the node:
 * a raw HTTP/2 client that pings at the rate C2 permits, and a grpc-java stub behind a proxy that freezes.
 * The test profile shortens C2's keepalive (time 10 s, grpc-java's floor; timeout 1 s; permitted client
 * pings every 200 ms).
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class LinkKeepaliveTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String linkState(String nodeId) {
        return given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200).extract().path("linkState");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static C2ToEdge next(RawHttp2Link link, java.util.function.Predicate<C2ToEdge> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            C2ToEdge message = link.poll(1);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("C2 sent no matching message; stream end " + link.streamEnd() + ", GOAWAY "
                + link.goAway());
    }

    @Test
    void aLinkPingingAtThePermittedRateStaysUpOverManyKeepalivePeriods() throws Exception {
        String nodeId = Fixtures.uniqueId("pinger");
        try (RawHttp2Link link = RawHttp2Link.connect(FakeEdgeNode.grpcPort())) {
            link.send(FakeEdgeNode.hello(nodeId, 0));
            next(link, C2ToEdge::hasWelcome);
            // Pings every 250 ms against C2's permitted 200 ms: 24 pings, many of C2's 1 s keepalive periods.
            // Before C2 permitted client pings (grpc-java's 5 min default) the third one earned a GOAWAY.
            link.pingEvery(250);
            await("24 ping acks", () -> link.pingAcks() >= 24 || link.goAway() != null || !link.connectionOpen());

            assertThat(link.goAway()).as("GOAWAY from C2").isNull();
            assertThat(link.connectionOpen()).isTrue();
            assertThat(link.streamEnd()).isNull();
            assertThat(linkState(nodeId)).isEqualTo("CONNECTED");
            // The same stream still carries messages both ways: no reconnect happened.
            String marker = "e".repeat(64);
            link.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder()
                    .setKind(BlobKind.WASM_MODULE).setSha256(marker)).build());
            assertThat(next(link, C2ToEdge::hasBlob).getBlob().getSha256()).isEqualTo(marker);
        }
    }

    @Test
    void aFrozenNodeIsDisconnectedByC2sKeepalive() throws Exception {
        String nodeId = Fixtures.uniqueId("frozen");
        try (FreezingProxy proxy = new FreezingProxy(FakeEdgeNode.grpcPort());
                FakeEdgeNode node = FakeEdgeNode.connect(proxy.port())) {
            node.hello(nodeId);
            assertThat(linkState(nodeId)).isEqualTo("CONNECTED");

            proxy.freeze();

            // C2 pings after 10 s of silence (grpc-java's floor) and gives up 1 s later; without server
            // keepalive the node stayed CONNECTED until the kernel gave up on the socket (many minutes).
            await("the node to show DISCONNECTED", () -> "DISCONNECTED".equals(linkState(nodeId)));
            // And C2 closed the TCP connection itself: the unanswered ping reset the stream, and the connection,
            // left without a stream, is closed by max-connection-idle (3 s here, 30 s by default). With the old
            // 5 min default the frozen peer kept its socket on C2 for minutes and this wait timed out.
            proxy.serverClosed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(proxy.serverClosed()).isDone();
        }
    }

    @Test
    void anIdleHalfOpenConnectionWithoutAStreamIsClosed() throws Exception {
        try (FreezingProxy proxy = new FreezingProxy(FakeEdgeNode.grpcPort());
                Socket idle = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            // A raw socket speaks just enough HTTP/2 to open a connection (preface, empty SETTINGS), opens
            // no stream, then goes silent for good and stops answering.
            OutputStream out = idle.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();
            await("C2's first answer", () -> proxy.bytesFromServer() > 0);
            proxy.freeze();
            proxy.serverClosed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(proxy.serverClosed()).isDone();
        }
    }
}
