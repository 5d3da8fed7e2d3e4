package io.lockstep.c2.fleet;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Engage and clear requests for one node race each other over plain HTTP while a raw gRPC node applies
 * the e-stop commands in command order, as a real node does. Afterwards C2 must show what the node's
 * latch really is, in every trial.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class EmergencyStopConsistencyTest {

    private static final int TRIALS = 8;
    private static final int REQUESTS_PER_TRIAL = 16;

    @TestHTTPResource("/api/v1/nodes/")
    URI nodes;

    @Test
    void racingEngageAndClearEndWithC2ShowingTheNodesRealLatch() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int trial = 0; trial < TRIALS; trial++) {
            String nodeId = Fixtures.uniqueId("estop-race");
            try (FakeEdgeNode node = FakeEdgeNode.connect()) {
                node.hello(nodeId);
                URI estop = nodes.resolve(nodeId + "/estop");
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_TRIAL; i++) {
                    HttpRequest request = i % 2 == 0
                            ? HttpRequest.newBuilder(estop).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build()
                            : HttpRequest.newBuilder(estop).header("Content-Type", "application/json").DELETE().build();
                    answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                }

                // The node applies e-stop commands in command order and acknowledges each.
                List<C2ToEdge> commands = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_TRIAL; i++) {
                    commands.add(node.await(C2ToEdge::hasEmergencyStop));
                }
                commands.sort(Comparator.comparingLong(C2ToEdge::getCommandSeq));
                boolean latched = false;
                long seq = 0;
                for (C2ToEdge command : commands) {
                    latched = command.getEmergencyStop().getEngaged();
                    node.send(EdgeToC2.newBuilder().setSeq(++seq).setAck(CommandAck.newBuilder()
                            .setCommandSeq(command.getCommandSeq()).setApplied(true)).build());
                }
                sync(node);

                JsonPath view = given().when().get(nodes.resolve(nodeId)).then().statusCode(200).extract().jsonPath();
                assertThat(view.getBoolean("emergencyStop.engaged"))
                        .as("trial %d: C2's e-stop vs the node's latch", trial).isEqualTo(latched);
                assertThat(view.getBoolean("emergencyStop.requested.engaged"))
                        .as("trial %d: the last request C2 sent", trial).isEqualTo(latched);
                assertThat(view.getString("emergencyStop.state")).isEqualTo("CONFIRMED");
                assertThat(view.getLong("emergencyStop.confirmedCommandSeq"))
                        .isEqualTo(commands.get(commands.size() - 1).getCommandSeq());
            }
        }
    }

    @Test
    void aRequestIsPendingUntilTheNodeConfirmsItAndARefusalIsShown() throws Exception {
        String nodeId = Fixtures.uniqueId("estop-confirm");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            given().contentType("application/json").when().post(nodes.resolve(nodeId + "/estop")).then().statusCode(200);
            JsonPath pending = given().when().get(nodes.resolve(nodeId)).then().extract().jsonPath();
            assertThat(pending.getBoolean("emergencyStop.engaged")).isFalse();
            assertThat(pending.getBoolean("emergencyStop.requested.engaged")).isTrue();
            assertThat(pending.getString("emergencyStop.state")).isEqualTo("PENDING");

            C2ToEdge engage = node.await(C2ToEdge::hasEmergencyStop);
            node.send(EdgeToC2.newBuilder().setSeq(1).setAck(CommandAck.newBuilder()
                    .setCommandSeq(engage.getCommandSeq()).setApplied(true)).build());
            sync(node);
            JsonPath confirmed = given().when().get(nodes.resolve(nodeId)).then().extract().jsonPath();
            assertThat(confirmed.getBoolean("emergencyStop.engaged")).isTrue();
            assertThat(confirmed.getString("emergencyStop.state")).isEqualTo("CONFIRMED");
            assertThat(confirmed.getString("emergencyStop.confirmedAt")).isNotBlank();

            given().contentType("application/json").when().delete(nodes.resolve(nodeId + "/estop")).then().statusCode(200);
            C2ToEdge clear = node.await(C2ToEdge::hasEmergencyStop);
            node.send(EdgeToC2.newBuilder().setSeq(2).setAck(CommandAck.newBuilder()
                    .setCommandSeq(clear.getCommandSeq()).setApplied(false).setError("C2 may not clear this e-stop"))
                    .build());
            sync(node);
            JsonPath refused = given().when().get(nodes.resolve(nodeId)).then().extract().jsonPath();
            assertThat(refused.getBoolean("emergencyStop.engaged")).isTrue();
            assertThat(refused.getBoolean("emergencyStop.requested.engaged")).isFalse();
            assertThat(refused.getString("emergencyStop.state")).isEqualTo("REFUSED");
            assertThat(refused.getString("emergencyStop.error")).contains("may not clear");
        }
    }

    /** Returns once C2 has handled everything the node sent before (messages of a stream are handled in order). */
    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "e".repeat(64);
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.ONNX_MODEL)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }
}
