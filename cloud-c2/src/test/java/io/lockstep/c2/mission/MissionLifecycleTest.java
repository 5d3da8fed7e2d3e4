package io.lockstep.c2.mission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.AgentStatus;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeCapabilities;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Lattice-style lifecycle over a real link (FakeEdgeNode) and the embedded Redis: states and their
 * lifecycle names, status versions (stale ones refused), the history stream, cancel requests a node may
 * refuse, and priority (queueing and preemption).
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
public class MissionLifecycleTest {

    public static EdgeToC2 status(long seq, String missionId, NodeMissionState state, long tick, long version, int progress) {
        return EdgeToC2.newBuilder().setSeq(seq).setStatus(StatusUpdate.newBuilder()
                .setMissionId(missionId).setState(state).setTick(tick).setStatusVersion(version)
                .addAgents(AgentStatus.newBuilder().setName("surveyor").setState("RUNNING").setProgressPermille(progress)))
                .build();
    }

    static EdgeToC2 ack(long commandSeq, boolean applied, String error) {
        return EdgeToC2.newBuilder().setAck(CommandAck.newBuilder().setCommandSeq(commandSeq).setApplied(applied)
                .setError(error)).build();
    }

    /** A round trip through the node's stream: when it returns, C2 has processed everything sent before. */
    public static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "e".repeat(63) + "0";
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    public static void dispatch(String missionId, String... nodes) {
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + String.join("\", \"", nodes) + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
    }

    static String createMission(String module, int priority) {
        return given().contentType(ContentType.JSON)
                .body(Fixtures.missionJson(module).replace("\"priority\": 5", "\"priority\": " + priority))
                .when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
    }

    public static JsonPath share(String missionId) {
        return given().when().get("/api/v1/missions/" + missionId).then().statusCode(200).extract().jsonPath()
                .setRootPath("nodes[0]");
    }

    public static List<Object> history(String missionId, String field) {
        return given().when().get("/api/v1/missions/" + missionId + "/history").then().statusCode(200)
                .extract().jsonPath().getList("entries." + field);
    }

    public static C2ToEdge assignmentOf(FakeEdgeNode node, String missionId) throws InterruptedException {
        return node.await(m -> m.hasAssign() && m.getAssign().getAssignment().getMission().getId().equals(missionId));
    }

    @Test
    void aShareWalksTheLifecycleAndEveryTransitionIsInTheHistory() throws Exception {
        String nodeId = Fixtures.uniqueId("life");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            assertThat(share(missionId).getString("lifecycle")).isEqualTo("SENT");

            node.send(status(1, missionId, NodeMissionState.RECEIVED, 0, 1, 0));
            sync(node);
            assertThat(share(missionId).getString("lifecycle")).isEqualTo("RECEIVED");
            node.send(status(2, missionId, NodeMissionState.ACCEPTED, 0, 2, 0));
            node.send(status(3, missionId, NodeMissionState.RUNNING, 10, 3, 100));
            node.send(status(4, missionId, NodeMissionState.RUNNING, 20, 4, 200)); // progress only: no transition
            sync(node);
            JsonPath running = share(missionId);
            assertThat(running.getString("lifecycle")).isEqualTo("EXECUTING");
            assertThat(running.getLong("statusVersion")).isEqualTo(4);
            node.send(status(5, missionId, NodeMissionState.COMPLETED, 30, 5, 1000));
            sync(node);
        }
        assertThat(share(missionId).getString("lifecycle")).isEqualTo("DONE_OK");
        assertThat(history(missionId, "lifecycle")).containsExactly("SENT", "RECEIVED", "WILCO", "EXECUTING", "DONE_OK");
        assertThat(history(missionId, "source")).containsExactly("c2", "node", "node", "node", "node");
        assertThat(history(missionId, "statusVersion")).containsExactly(0, 1, 2, 3, 5);

        // Paging: two at a time, each page after the previous one's last entry.
        JsonPath first = given().queryParam("limit", 2).when().get("/api/v1/missions/" + missionId + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("entries.lifecycle")).containsExactly("SENT", "RECEIVED");
        JsonPath second = given().queryParam("limit", 2).queryParam("after", first.getString("next"))
                .when().get("/api/v1/missions/" + missionId + "/history").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("entries.lifecycle")).containsExactly("WILCO", "EXECUTING");
    }

    @Test
    void aStatusWithAnOldVersionIsRefusedAndCountedWhileUnversionedOnesStillApply() throws Exception {
        String nodeId = Fixtures.uniqueId("stale");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 50, 7, 100));
            sync(node);

            node.send(status(2, missionId, NodeMissionState.HOLDING, 60, 6, 100));
            C2ToEdge older = node.await(m -> m.hasStatusAck() && m.getStatusAck().getRefusedSeq() == 2);
            assertThat(older.getStatusAck().getSeq()).isEqualTo(2);
            assertThat(older.getStatusAck().getRefusedReason()).contains("stale status version 6").contains("version 7");
            node.send(status(3, missionId, NodeMissionState.HOLDING, 60, 7, 100));
            node.await(m -> m.hasStatusAck() && m.getStatusAck().getRefusedSeq() == 3);

            JsonPath share = share(missionId);
            assertThat(share.getString("state")).isEqualTo("RUNNING");
            assertThat(share.getLong("tick")).isEqualTo(50);
            assertThat(share.getLong("statusVersion")).isEqualTo(7);

            // An older node sends no version: applied as before.
            node.send(status(4, missionId, NodeMissionState.HOLDING, 70, 0, 100));
            sync(node);
            assertThat(share(missionId).getString("state")).isEqualTo("HOLDING");
            // ...and a newer version still applies after it.
            node.send(status(5, missionId, NodeMissionState.RUNNING, 80, 8, 100));
            sync(node);
            assertThat(share(missionId).getLong("tick")).isEqualTo(80);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("lockstep_c2_status_stale_refused_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void aCancelTheNodeAcceptsEndsTheMissionAborted() throws Exception {
        String nodeId = Fixtures.uniqueId("cancel-ok");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 10, 1, 100));
            sync(node);

            given().contentType(ContentType.JSON).body("{\"reason\": \"weather\"}")
                    .when().post("/api/v1/missions/" + missionId + "/cancel").then().statusCode(202)
                    .body("nodes[0].cancel.state", equalTo("REQUESTED"))
                    .body("nodes[0].cancel.reason", equalTo("weather"));
            C2ToEdge request = node.await(C2ToEdge::hasCancelMission);
            assertThat(request.getCancelMission().getMissionId()).isEqualTo(missionId);
            assertThat(request.getCancelMission().getReason()).isEqualTo("weather");

            node.send(ack(request.getCommandSeq(), true, ""));
            node.send(status(2, missionId, NodeMissionState.ABORTED, 12, 2, 100));
            sync(node);
        }
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("state", equalTo("MISSION_ABORTED"))
                .body("nodes[0].lifecycle", equalTo("ABORTED"))
                .body("nodes[0].cancel.state", equalTo("ACCEPTED"));
        assertThat(history(missionId, "event")).containsSubsequence("CANCEL_REQUESTED", "CANCEL_ACCEPTED", "STATE");
    }

    @Test
    void aNodeMayRefuseACancelWithAReason() throws Exception {
        String nodeId = Fixtures.uniqueId("cancel-no");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            node.send(status(1, missionId, NodeMissionState.RUNNING, 10, 1, 950));
            sync(node);
            given().contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/missions/" + missionId + "/cancel").then().statusCode(202);
            C2ToEdge request = node.await(C2ToEdge::hasCancelMission);
            node.send(ack(request.getCommandSeq(), false, "mission is past its point of no return"));
            sync(node);
        }
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"))
                .body("nodes[0].state", equalTo("RUNNING"))
                .body("nodes[0].cancel.state", equalTo("REFUSED"))
                .body("nodes[0].cancel.answer", equalTo("mission is past its point of no return"));
        assertThat(history(missionId, "detail")).contains("the node refused: mission is past its point of no return");
    }

    @Test
    void cancellingAnUnknownAFinishedOrAnUndispatchedMissionIsAProblem() throws Exception {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/no-such-mission/cancel")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:unknown-mission"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/bad%20id/cancel")
                .then().statusCode(400).body("type", equalTo("urn:lockstep:problem:invalid-id"));

        String created = Fixtures.createMission(Fixtures.uploadModule());
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/" + created + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("never dispatched"));

        String nodeId = Fixtures.uniqueId("cancel-done");
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(missionId, nodeId);
            assignmentOf(node, missionId);
            node.send(status(1, missionId, NodeMissionState.COMPLETED, 10, 1, 1000));
            sync(node);
        }
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/" + missionId + "/cancel")
                .then().statusCode(409).body("type", equalTo("urn:lockstep:problem:mission-state-conflict"))
                .body("detail", containsString("already finished"));
    }

    @Test
    void aLowerPriorityMissionWaitsAndAHigherOnePreemptsTheRunningOne() throws Exception {
        String nodeId = Fixtures.uniqueId("prio");
        String module = Fixtures.uploadModule();
        String running = createMission(module, 5);
        String lower = createMission(module, 3);
        String higher = createMission(module, 8);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(running, nodeId);
            assignmentOf(node, running);
            node.send(status(1, running, NodeMissionState.RUNNING, 10, 1, 100));
            sync(node);

            dispatch(lower, nodeId);
            assertThat(share(lower).getString("state")).isEqualTo("QUEUED");
            assertThat(share(lower).getString("detail")).contains(running);

            dispatch(higher, nodeId);
            assignmentOf(node, higher);
            JsonPath preempted = share(running);
            assertThat(preempted.getString("lifecycle")).isEqualTo("PREEMPTED");
            assertThat(preempted.getString("detail")).contains("preempted by mission " + higher);
            assertThat(history(running, "event")).contains("PREEMPTED");
            // The node supersedes the running mission and says so: the share stays PREEMPTED.
            node.send(status(2, running, NodeMissionState.ABORTED, 11, 2, 100));
            node.send(status(3, higher, NodeMissionState.RUNNING, 1, 3, 10));
            sync(node);
            assertThat(share(running).getString("state")).isEqualTo("PREEMPTED");
            assertThat(share(lower).getString("state")).isEqualTo("QUEUED");

            node.send(status(4, higher, NodeMissionState.COMPLETED, 5, 4, 1000));
            assignmentOf(node, lower);
            assertThat(share(lower).getString("lifecycle")).isEqualTo("SENT");
            assertThat(history(lower, "event")).containsExactly("QUEUED", "SENT");
        }
        given().when().get("/api/v1/missions/" + running).then().body("state", equalTo("MISSION_ABORTED"));
    }

    @Test
    void abortingAQueuedMissionDropsItFromTheQueue() throws Exception {
        String nodeId = Fixtures.uniqueId("prio-abort");
        String module = Fixtures.uploadModule();
        String running = createMission(module, 5);
        String queued = createMission(module, 5);
        String after = createMission(module, 2);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            dispatch(running, nodeId);
            assignmentOf(node, running);
            dispatch(queued, nodeId);
            dispatch(after, nodeId);
            given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/missions/" + queued + "/abort")
                    .then().statusCode(202);
            assertThat(share(queued).getString("state")).isEqualTo("ABORTED");
            node.send(status(1, running, NodeMissionState.COMPLETED, 5, 1, 1000));
            // The aborted mission is skipped: the next one in the queue is sent.
            assignmentOf(node, after);
            assertThat(share(queued).getString("state")).isEqualTo("ABORTED");
        }
    }

    @Test
    void dispatchingToNodesThatLackWhatTheMissionNeedsIsAConflictNamingIt() throws Exception {
        String nodeId = Fixtures.uniqueId("weak");
        String module = Fixtures.uploadModule();
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(FakeEdgeNode.hello(nodeId, 0, NodeCapabilities.newBuilder().addHostFunctions("log")
                    .addHostFunctions("act_velocity").setMaxAgents(4).build()));
            node.await(C2ToEdge::hasWelcome);
            String missionId = Fixtures.createMission(module);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:lockstep:problem:capability-mismatch"))
                    .body("detail", containsString("node '" + nodeId + "' lacks host function sensor_read"))
                    .body("errors[0].field", equalTo("nodes[0]"));
            given().when().get("/api/v1/missions/" + missionId).then().body("state", equalTo("CREATED"));

            String gpuMission = given().contentType(ContentType.JSON)
                    .body(Fixtures.missionJson(module).replace("\"linkLossPolicy\"", "\"requirements\": {\"gpu\": true}, \"linkLossPolicy\""))
                    .when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
            String strong = Fixtures.uniqueId("strong");
            try (FakeEdgeNode other = FakeEdgeNode.connect()) {
                other.hello(strong);
                given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + strong + "\"]}")
                        .when().post("/api/v1/missions/" + gpuMission + "/dispatch")
                        .then().statusCode(409)
                        .body("detail", containsString("node '" + strong + "' lacks gpu"));
            }
            String crowded = given().contentType(ContentType.JSON).body(Fixtures.missionJson(module)
                    .replace("\"agents\": [{", "\"agents\": [" + fiveAgents(module) + "{"))
                    .when().post("/api/v1/missions").then().statusCode(201).extract().path("id");
            String roomy = Fixtures.uniqueId("roomy");
            try (FakeEdgeNode other = FakeEdgeNode.connect()) {
                other.hello(roomy);
                given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + roomy + "\"]}")
                        .when().post("/api/v1/missions/" + crowded + "/dispatch")
                        .then().statusCode(409).body("detail", containsString("lacks 6 agents"));
            }
        }
    }

    private static String fiveAgents(String module) {
        StringBuilder agents = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            agents.append("{\"name\": \"extra").append(i).append("\", \"module\": \"").append(module)
                    .append("\", \"capabilities\": {\"hostFunctions\": [\"sensor_read\"]}},");
        }
        return agents.toString();
    }

    @Test
    void historyOfAnUnknownMissionAndMalformedHistoryCursorsAreProblems() {
        given().when().get("/api/v1/missions/no-such-mission/history").then().statusCode(404)
                .body("type", equalTo("urn:lockstep:problem:unknown-mission"));
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        given().queryParam("after", "yesterday").when().get("/api/v1/missions/" + missionId + "/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-query"))
                .body("errors[0].field", equalTo("after"));
        given().queryParam("limit", "0").when().get("/api/v1/missions/" + missionId + "/history")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limt", "5").when().get("/api/v1/missions/" + missionId + "/history")
                .then().statusCode(400).body("errors[0].field", equalTo("limt"));
        given().when().get("/api/v1/missions/" + missionId + "/history").then().statusCode(200)
                .body("entries.size()", equalTo(0)).body("next", nullValue());
    }
}
