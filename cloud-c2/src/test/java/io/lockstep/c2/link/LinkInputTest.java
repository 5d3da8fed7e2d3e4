package io.lockstep.c2.link;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.LogCapture;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a node sends that C2 must not trust: sequence numbers out of range, ids outside the id grammar,
 * oversize free text, text that would forge log lines. Real C2 and Redis; the node is a grpc-java stub.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class LinkInputTest {

    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "d".repeat(63) + "1";
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    private static Status helloEndsWith(EdgeToC2 hello) throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(hello);
            return node.awaitEnd();
        }
    }

    @Test
    void aLastAppliedCommandSeqThatWouldOverflowC2sCounterIsRefused() throws Exception {
        String nodeId = Fixtures.uniqueId("overflow");
        for (long seq : new long[] {Long.MAX_VALUE, -1L /* 2^64 - 1 */, 1L << 62}) {
            Status end = helloEndsWith(FakeEdgeNode.hello(nodeId, seq));
            assertThat(end.getCode()).as("Hello with last_applied_command_seq %s", Long.toUnsignedString(seq))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(end.getDescription()).contains("last_applied_command_seq").contains(Long.toUnsignedString(seq));
        }
        // The node is not locked out: a sane Hello works and commands are numbered and delivered.
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(nodeId, (1L << 62) - 2));
            node.await(C2ToEdge::hasWelcome);
            given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + nodeId + "/estop")
                    .then().statusCode(200);
            assertThat(node.await(C2ToEdge::hasEmergencyStop).getCommandSeq()).isEqualTo((1L << 62) - 1);
        }
    }

    @Test
    void anEdgeSeqOfTwoToTheSixtyThreeOrMoreIsRefused() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));
            node.send(EdgeToC2.newBuilder().setSeq(Long.MIN_VALUE /* 2^63 */).setAck(CommandAck.newBuilder()
                    .setCommandSeq(1).setApplied(true)).build());
            Status end = node.awaitEnd();
            assertThat(end.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(end.getDescription()).contains("seq 9223372036854775808");
        }
    }

    @Test
    void aStatusForAMissionIdOutsideTheGrammarIsAcknowledgedAsRefused() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            // "<id>:nodes" is another Redis key of the mission (a hash): it used to end in WRONGTYPE, no
            // acknowledgement, and a node re-sending the status forever.
            node.send(EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder()
                    .setMissionId(missionId + ":nodes").setState(NodeMissionState.RUNNING)).build());
            C2ToEdge ack = node.await(C2ToEdge::hasStatusAck);
            assertThat(ack.getStatusAck().getSeq()).isEqualTo(1);
            assertThat(ack.getStatusAck().getRefusedSeq()).isEqualTo(1);
            assertThat(ack.getStatusAck().getRefusedReason()).contains("mission_id");
            // The stream is still up and later statuses are applied normally.
            node.send(EdgeToC2.newBuilder().setSeq(2).setStatus(StatusUpdate.newBuilder()
                    .setMissionId(UUID.randomUUID().toString()).setState(NodeMissionState.RUNNING)).build());
            C2ToEdge next = node.await(C2ToEdge::hasStatusAck);
            assertThat(next.getStatusAck().getSeq()).isEqualTo(2);
            assertThat(next.getStatusAck().getRefusedSeq()).isZero();
        }
    }

    @Test
    void oversizeFreeTextFromANodeIsCutBeforeItIsStored() throws Exception {
        String nodeId = Fixtures.uniqueId("verbose");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            EdgeToC2 hello = FakeEdgeNode.hello(nodeId, 0);
            node.send(hello.toBuilder().setHello(hello.getHello().toBuilder()
                    .setSoftwareVersion("v".repeat(200_000))).build());
            node.await(C2ToEdge::hasWelcome);
            String stored = given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                    .extract().path("softwareVersion");
            assertThat(stored.length()).isLessThanOrEqualTo(256);
            assertThat(stored).startsWith("vvvv").endsWith("[cut]");
        }
    }

    @Test
    void aLatchedEstopIsNotStoredAgainOnEveryReconnect() throws Exception {
        String nodeId = Fixtures.uniqueId("estopped");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"reason\": \"stop\"}")
                    .when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            node.await(C2ToEdge::hasEmergencyStop);
        }
        // The node never acknowledges it (its stream keeps breaking). Each reconnect must re-send the one
        // pending e-stop, not add another copy to the ledger.
        for (int connect = 0; connect < 3; connect++) {
            try (FakeEdgeNode node = FakeEdgeNode.connect()) {
                node.hello(nodeId);
                sync(node);
                List<C2ToEdge> estops = new ArrayList<>();
                while (true) {
                    try {
                        estops.add(node.awaitNow(C2ToEdge::hasEmergencyStop));
                    } catch (AssertionError none) {
                        break;
                    }
                }
                assertThat(estops).as("e-stops delivered on connect %d", connect).hasSize(1);
            }
        }
    }

    @Test
    void nodeTextIsEscapedInLogLines() throws Exception {
        String nodeId = Fixtures.uniqueId("forger");
        try (LogCapture log = LogCapture.of("io.lockstep.c2.link"); FakeEdgeNode node = FakeEdgeNode.connect()) {
            EdgeToC2 hello = FakeEdgeNode.hello(nodeId, 0);
            node.send(hello.toBuilder().setHello(hello.getHello().toBuilder()
                    .setSoftwareVersion("1.0\n2026-01-01 INFO  [io.lockstep.c2] forged line")).build());
            node.await(C2ToEdge::hasWelcome);
            given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + nodeId + "/estop")
                    .then().statusCode(200);
            C2ToEdge estop = node.await(C2ToEdge::hasEmergencyStop);
            node.send(EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(estop.getCommandSeq())
                    .setApplied(false).setError("no\r\n2026-01-01 ERROR forged")).build());
            sync(node);

            List<String> lines = log.messages().stream().filter(m -> m.contains(nodeId)).toList();
            assertThat(lines).anyMatch(m -> m.contains("forged line")).anyMatch(m -> m.contains("ERROR forged"));
            assertThat(lines).noneMatch(m -> m.contains("\n") || m.contains("\r"));
        }
    }

    @Test
    void aStreamThatNeverSaysHelloIsLogged() throws Exception {
        try (LogCapture log = LogCapture.of("io.lockstep.c2.link"); FakeEdgeNode node = FakeEdgeNode.connect()) {
            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(log.messages()).anyMatch(m -> m.contains("no Hello within"));
        }
    }

    @Test
    void helloFieldsAreCheckedBeforeAnythingIsStored() throws Exception {
        Hello.Builder hello = FakeEdgeNode.hello("ok", 0).getHello().toBuilder();
        Status end = helloEndsWith(EdgeToC2.newBuilder().setHello(hello.setNodeId("node:pending")).build());
        assertThat(end.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(end.getDescription()).contains("node_id").contains("'node:pending'");
    }
}
