package io.lockstep.c2.link;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.Parameter;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class EdgeLinkTest {

    private static final String TRACEPARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]";

    private static EdgeToC2 status(long seq, String missionId, NodeMissionState state, long tick, String fingerprint) {
        return EdgeToC2.newBuilder().setSeq(seq).setStatus(StatusUpdate.newBuilder()
                .setMissionId(missionId).setState(state).setTick(tick).setFingerprint(fingerprint)
                .addAgents(AgentStatus.newBuilder().setName("surveyor").setState(state == NodeMissionState.COMPLETED
                        ? "DONE" : "RUNNING").setFuelUsed(tick * 100).setProgressPermille((int) Math.min(1000, tick * 50))))
                .build();
    }

    private static EdgeToC2 ack(long commandSeq, boolean applied, String error) {
        return EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(commandSeq).setApplied(applied)
                .setError(error)).build();
    }

    private static EdgeToC2 blobRequest(BlobKind kind, String sha256) {
        return EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(kind).setSha256(sha256)).build();
    }

    /** A round trip through the node's stream: when it returns, C2 has processed everything sent before. */
    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "f".repeat(63) + "0";
        node.send(blobRequest(BlobKind.WASM_MODULE, marker));
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    private static void dispatch(String missionId, String... nodes) {
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + String.join("\", \"", nodes) + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch")
                .then().statusCode(202)
                .body("state", equalTo("DISPATCHED"));
    }

    @Test
    void runsAMissionFromDispatchToCompletion() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        byte[] module = WasmModuleBuilder.agent().tag(Fixtures.uniqueId("lifecycle")).build();
        String moduleSha = Fixtures.uploadModule(module);
        String missionId = Fixtures.createMission(moduleSha);

        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            C2ToEdge welcome = node.hello(nodeId);
            assertThat(welcome.getCommandSeq()).isZero();
            assertThat(welcome.getWelcome().getLastReceivedSeq()).isZero();
            assertThat(welcome.getWelcome().getC2Instance()).isNotBlank();
            given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                    .body("linkState", equalTo("CONNECTED"))
                    .body("capabilities.vehicleKind", equalTo("quadcopter"));

            dispatch(missionId, nodeId);

            C2ToEdge command = node.await(C2ToEdge::hasAssign);
            assertThat(command.getCommandSeq()).isPositive();
            MissionAssignment assignment = command.getAssign().getAssignment();
            assertThat(assignment.getNodeId()).isEqualTo(nodeId);
            assertThat(assignment.getShareIndex()).isZero();
            assertThat(assignment.getShareCount()).isEqualTo(1);
            assertThat(assignment.getAssignedArea().getVerticesCount()).isEqualTo(4);
            assertThat(assignment.getMission().getId()).isEqualTo(missionId);
            assertThat(assignment.getMission().getLinkLossTimeoutMs()).isEqualTo(5000);
            assertThat(assignment.getMission().getAgents(0).getModuleSha256()).isEqualTo(moduleSha);
            assertThat(assignment.getMission().getAgents(0).getParametersList()).extracting(Parameter::getKey)
                    .containsExactly("zeta", "alpha", "mid");
            assertThat(assignment.getTrace().getTraceparent()).matches(TRACEPARENT)
                    .doesNotContain("00000000000000000000000000000000");
            node.send(ack(command.getCommandSeq(), true, ""));

            node.send(blobRequest(BlobKind.WASM_MODULE, moduleSha));
            C2ToEdge blob = node.await(C2ToEdge::hasBlob);
            assertThat(blob.getBlob().getError()).isEmpty();
            assertThat(blob.getBlob().getData().toByteArray()).isEqualTo(module);
            assertThat(Sha256.of(blob.getBlob().getData().toByteArray())).isEqualTo(moduleSha);

            node.send(status(1, missionId, NodeMissionState.ACCEPTED, 0, ""));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
            node.send(status(2, missionId, NodeMissionState.RUNNING, 10, "aa01"));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(2);
            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", equalTo("IN_PROGRESS"))
                    .body("nodes[0].state", equalTo("RUNNING"))
                    .body("nodes[0].tick", equalTo(10));

            // A re-send of seq 2 (say, after a reconnect) is acknowledged again but not applied.
            node.send(status(2, missionId, NodeMissionState.FAILED, 11, "ffff"));
            C2ToEdge duplicateAck = node.await(C2ToEdge::hasStatusAck);
            assertThat(duplicateAck.getStatusAck().getSeq()).isEqualTo(2);
            assertThat(duplicateAck.getCommandSeq()).isZero();
            given().when().get("/api/v1/missions/" + missionId).then()
                    .body("state", equalTo("IN_PROGRESS"))
                    .body("nodes[0].fingerprint", equalTo("aa01"));

            node.send(status(3, missionId, NodeMissionState.COMPLETED, 20, "c0ffee"));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(3);
            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", equalTo("MISSION_COMPLETED"))
                    .body("nodes[0].nodeId", equalTo(nodeId))
                    .body("nodes[0].state", equalTo("COMPLETED"))
                    .body("nodes[0].tick", equalTo(20))
                    .body("nodes[0].fingerprint", equalTo("c0ffee"))
                    .body("nodes[0].agents[0].state", equalTo("DONE"))
                    .body("nodes[0].agents[0].progressPermille", equalTo(1000));

            given().contentType(ContentType.JSON).when().post("/api/v1/missions/" + missionId + "/abort").then().statusCode(409)
                    .contentType("application/problem+json");
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(409)
                    .body("type", equalTo("urn:lockstep:problem:mission-state-conflict"));
        }
    }

    @Test
    void answersBlobRequestsItCannotServeWithAnError() throws Exception {
        String modelBytes = "model-" + Fixtures.uniqueId("blob");
        String modelSha = given().contentType(ContentType.BINARY).body(modelBytes.getBytes())
                .when().post("/api/v1/models").then().statusCode(201).extract().path("sha256");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));

            node.send(blobRequest(BlobKind.ONNX_MODEL, modelSha));
            assertThat(node.await(C2ToEdge::hasBlob).getBlob().getData().toStringUtf8()).isEqualTo(modelBytes);
            node.send(blobRequest(BlobKind.WASM_MODULE, "e".repeat(64)));
            assertThat(node.await(C2ToEdge::hasBlob).getBlob().getError()).contains("no WASM_MODULE");
            node.send(blobRequest(BlobKind.WASM_MODULE, "../../etc/passwd"));
            assertThat(node.await(C2ToEdge::hasBlob).getBlob().getError()).contains("64 lower-case hex");
            node.send(blobRequest(BlobKind.BLOB_KIND_UNSPECIFIED, modelSha));
            assertThat(node.await(C2ToEdge::hasBlob).getBlob().getError()).contains("unsupported blob kind");
        }
    }

    @Test
    void reconnectRedeliversUnacknowledgedCommandsAndResumesSequences() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        long assignSeq;
        try (FakeEdgeNode first = FakeEdgeNode.connect()) {
            first.hello(nodeId);
            dispatch(missionId, nodeId);
            assignSeq = first.await(C2ToEdge::hasAssign).getCommandSeq();
            first.send(status(1, missionId, NodeMissionState.ACCEPTED, 0, ""));
            first.await(C2ToEdge::hasStatusAck);
            // The link drops before the node acknowledged the assignment.
        }

        try (FakeEdgeNode second = FakeEdgeNode.connect()) {
            C2ToEdge welcome = second.hello(nodeId);
            assertThat(welcome.getWelcome().getLastReceivedSeq()).isEqualTo(1);
            C2ToEdge redelivered = second.await(m -> m.getCommandSeq() > 0);
            assertThat(redelivered.hasAssign()).isTrue();
            assertThat(redelivered.getCommandSeq()).isEqualTo(assignSeq);
            second.send(ack(assignSeq, true, ""));
            sync(second);
        }

        try (FakeEdgeNode third = FakeEdgeNode.connect()) {
            third.hello(nodeId);
            given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            // The acknowledged assignment is not sent again: the first command after Welcome is the e-stop.
            C2ToEdge next = third.await(m -> m.getCommandSeq() > 0);
            assertThat(next.hasEmergencyStop()).isTrue();
            assertThat(next.getCommandSeq()).isEqualTo(assignSeq + 1);
        }
    }

    @Test
    void commandsTheNodeSaysItAppliedAreNotResent() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        long assignSeq;
        try (FakeEdgeNode first = FakeEdgeNode.connect()) {
            first.hello(nodeId);
            dispatch(missionId, nodeId);
            assignSeq = first.await(C2ToEdge::hasAssign).getCommandSeq();
        }
        try (FakeEdgeNode second = FakeEdgeNode.connect()) {
            second.send(FakeEdgeNode.hello(nodeId, assignSeq));
            second.await(C2ToEdge::hasWelcome);
            given().when().delete("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            C2ToEdge next = second.await(m -> m.getCommandSeq() > 0);
            assertThat(next.hasEmergencyStop()).isTrue();
            assertThat(next.getEmergencyStop().getEngaged()).isFalse();
        }
    }

    @Test
    void aNewConnectionReplacesTheOldOne() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode old = FakeEdgeNode.connect(); FakeEdgeNode current = FakeEdgeNode.connect()) {
            old.hello(nodeId);
            current.hello(nodeId);

            assertThat(old.awaitEnd().getCode()).isEqualTo(Status.Code.ABORTED);
            given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200)
                    .body("linkState", equalTo("CONNECTED"));
            assertThat(current.await(C2ToEdge::hasEmergencyStop).getEmergencyStop().getEngaged()).isTrue();
        }
    }

    @Test
    void theFirstMessageMustBeHello() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(EdgeToC2.newBuilder().setHeartbeat(Heartbeat.newBuilder().setTick(1)).build());

            Status end = node.awaitEnd();
            assertThat(end.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(end.getDescription()).contains("first message on the link must be Hello");
        }
    }

    @Test
    void aStreamThatNeverSaysHelloIsClosed() throws Exception {
        try (FakeEdgeNode silent = FakeEdgeNode.connect()) {
            Status end = silent.awaitEnd();

            assertThat(end.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(end.getDescription()).contains("no Hello");
        }
    }

    @Test
    void aHelloWithAnInvalidNodeIdIsRefused() throws Exception {
        for (String badId : new String[] {"", "has space", "-leading-dash", "x".repeat(200)}) {
            try (FakeEdgeNode node = FakeEdgeNode.connect()) {
                node.send(FakeEdgeNode.hello(badId, 0));

                Status end = node.awaitEnd();
                assertThat(end.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(end.getDescription()).contains("node_id");
            }
        }
    }

    @Test
    void aSecondHelloOnTheSameStreamIsAViolation() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            String nodeId = Fixtures.uniqueId("node");
            node.hello(nodeId);
            node.send(FakeEdgeNode.hello(nodeId, 0));

            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
    }

    @Test
    void aCommandAckWithASeqIsStoredAndAcknowledgedLikeAStatusAndADuplicateSeqIsNotApplied() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        long assignSeq;
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignSeq = node.await(C2ToEdge::hasAssign).getCommandSeq();
            node.send(status(1, missionId, NodeMissionState.ACCEPTED, 0, ""));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);

            // seq 1 again, now carrying a refusal: a re-send of something stored, so not applied.
            node.send(ack(assignSeq, false, "module digest mismatch").toBuilder().setSeq(1).build());
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
            given().when().get("/api/v1/missions/" + missionId).then()
                    .body("state", not(equalTo("MISSION_FAILED")))
                    .body("nodes[0].state", equalTo("ACCEPTED"));

            // The node's outbox gives its command ack the next seq: stored, applied and acknowledged.
            node.send(ack(assignSeq, true, "").toBuilder().setSeq(2).build());
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(2);
        }

        try (FakeEdgeNode second = FakeEdgeNode.connect()) {
            C2ToEdge welcome = second.hello(nodeId);
            assertThat(welcome.getWelcome().getLastReceivedSeq()).isEqualTo(2);
            given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(200);
            // The assignment was acknowledged by seq 2, so the first command after Welcome is the e-stop.
            C2ToEdge next = second.await(m -> m.getCommandSeq() > 0);
            assertThat(next.hasEmergencyStop()).isTrue();
            assertThat(next.getCommandSeq()).isEqualTo(assignSeq + 1);
        }
    }

    @Test
    void messagesWithoutAKnownBodyAreIgnored() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));
            node.send(EdgeToC2.newBuilder().setSeq(99).build());

            // Still connected and answering.
            sync(node);
        }
    }

    @Test
    void statusForAMissionThatWasNotDispatchedToTheNodeIsAcknowledgedButIgnored() throws Exception {
        String otherMission = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));
            node.send(status(1, "no-such-mission", NodeMissionState.RUNNING, 1, ""));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
            node.send(status(2, otherMission, NodeMissionState.COMPLETED, 1, ""));
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(2);
        }
        given().when().get("/api/v1/missions/" + otherMission).then().body("state", equalTo("CREATED"));
    }

    @Test
    void anUnknownNodeStateIsAcknowledgedButNotApplied() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            node.await(C2ToEdge::hasAssign);
            node.send(EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                    .setStateValue(99).setTick(5)).build());

            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
        }
        given().when().get("/api/v1/missions/" + missionId).then()
                .body("state", equalTo("DISPATCHED"))
                .body("nodes[0].state", equalTo("ASSIGNED"));
    }

    @Test
    void bytesThatAreNotAnEdgeMessageEndOnlyThatStream() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", FakeEdgeNode.grpcPort()).usePlaintext().build();
        try {
            MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(EdgeLinkGrpc.getConnectMethod().getFullMethodName())
                    .setRequestMarshaller(RawBytes.INSTANCE)
                    .setResponseMarshaller(RawBytes.INSTANCE)
                    .build();
            CompletableFuture<Status> ended = new CompletableFuture<>();
            StreamObserver<byte[]> garbage = ClientCalls.asyncBidiStreamingCall(channel.newCall(raw, CallOptions.DEFAULT),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(byte[] value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(Status.fromThrowable(t));
                        }

                        @Override
                        public void onCompleted() {
                            ended.complete(Status.OK);
                        }
                    });
            garbage.onNext(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02});

            // A protocol violation like any other (grpc-java's own parse failure would say UNKNOWN).
            Status end = ended.get(30, TimeUnit.SECONDS);
            assertThat(end.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(end.getDescription()).contains("not a valid EdgeToC2");
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        // C2 keeps serving other nodes.
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            assertThat(node.hello(Fixtures.uniqueId("node")).hasWelcome()).isTrue();
        }
    }

    /** Passes bytes through unchanged, to put arbitrary frames on the wire. */
    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aRefusedAssignmentFailsTheMission() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            C2ToEdge assign = node.await(C2ToEdge::hasAssign);
            node.send(ack(assign.getCommandSeq(), false, "module digest mismatch"));
            sync(node);
        }
        given().when().get("/api/v1/missions/" + missionId).then()
                .body("state", equalTo("MISSION_FAILED"))
                .body("nodes[0].state", equalTo("REJECTED"))
                .body("nodes[0].detail", equalTo("assignment refused: module digest mismatch"));
    }

    @Test
    void splitsTheAreaAmongTheDispatchedNodes() throws Exception {
        String west = Fixtures.uniqueId("west");
        String east = Fixtures.uniqueId("east");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode first = FakeEdgeNode.connect(); FakeEdgeNode second = FakeEdgeNode.connect()) {
            first.hello(west);
            second.hello(east);
            String commanderTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            given().contentType(ContentType.JSON)
                    .header("traceparent", "00-" + commanderTrace + "-00f067aa0ba902b7-01")
                    .body("{\"nodes\": [\"" + west + "\", \"" + east + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch")
                    .then().statusCode(202);

            MissionAssignment a = first.await(C2ToEdge::hasAssign).getAssign().getAssignment();
            MissionAssignment b = second.await(C2ToEdge::hasAssign).getAssign().getAssignment();
            assertThat(a.getShareIndex()).isZero();
            assertThat(b.getShareIndex()).isEqualTo(1);
            assertThat(a.getShareCount()).isEqualTo(2);
            assertThat(b.getShareCount()).isEqualTo(2);
            double aEast = a.getAssignedArea().getVerticesList().stream().mapToDouble(v -> v.getLon()).max().orElseThrow();
            double bWest = b.getAssignedArea().getVerticesList().stream().mapToDouble(v -> v.getLon()).min().orElseThrow();
            assertThat(aEast).isCloseTo(8.01, within(1e-9));
            assertThat(bWest).isCloseTo(8.01, within(1e-9));
            // Each assignment carries its own link-send span (a child of the dispatch span) in the commander's trace.
            for (MissionAssignment assignment : List.of(a, b)) {
                assertThat(assignment.getTrace().getTraceparent()).matches(TRACEPARENT)
                        .startsWith("00-" + commanderTrace + "-")
                        .doesNotContain("00f067aa0ba902b7");
            }
            assertThat(a.getTrace().getTraceparent()).isNotEqualTo(b.getTrace().getTraceparent());
        }
        given().when().get("/api/v1/missions/" + missionId).then()
                .body("nodes.nodeId", contains(west, east))
                .body("nodes.shareIndex", contains(0, 1));
    }

    @Test
    void abortingADispatchedMissionTellsTheNode() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            node.await(C2ToEdge::hasAssign);

            given().contentType(ContentType.JSON).body("{\"reason\": \"airspace closed\"}")
                    .when().post("/api/v1/missions/" + missionId + "/abort")
                    .then().statusCode(202).body("state", equalTo("MISSION_ABORTED"));

            C2ToEdge abort = node.await(C2ToEdge::hasAbort);
            assertThat(abort.getAbort().getMissionId()).isEqualTo(missionId);
            assertThat(abort.getAbort().getReason()).isEqualTo("airspace closed");
            assertThat(abort.getAbort().getTrace().getTraceparent()).matches(TRACEPARENT);
        }
    }
}
