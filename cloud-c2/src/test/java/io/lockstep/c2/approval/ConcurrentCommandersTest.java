package io.lockstep.c2.approval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two commanders (real tokens from the login) act on one mission at the same moment, with the approval
 * policy on: concurrent approvals of one commander count once; concurrent dispatches of an approved
 * mission by both commanders to different nodes: exactly one wins, every other is a 409, and exactly one
 * node gets exactly one assignment.
 */
@QuarkusTest
@TestProfile(ApprovalPolicyOn.class)
@QuarkusTestResource(C2TestResources.class)
class ConcurrentCommandersTest {

    @Inject
    C2Config config;

    private String ada;
    private String ben;

    @BeforeEach
    void users() {
        UsersFile users = new UsersFile(config.files().resolve("users.json"));
        users.put("ada", Role.ADMIN, "ada-password".toCharArray());
        users.put("ben", Role.COMMANDER, "ben-password".toCharArray());
        ada = token("ada", "ada-password");
        ben = token("ben", "ben-password");
    }

    private static String token(String name, String password) {
        return given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}")
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    private String missionNeedingTwoApprovals() throws InterruptedException {
        String module = given().auth().oauth2(ada).contentType(ContentType.BINARY).body(ExampleAgents.bytes("hello"))
                .when().post("/api/v1/modules").then().extract().path("sha256");
        String body = """
                {"name": "small field", "type": "SURVEY", "priority": 5,
                 "area": [{"lat": 47.0, "lon": 8.0}, {"lat": 47.0, "lon": 8.0008},
                          {"lat": 47.0005, "lon": 8.0008}, {"lat": 47.0005, "lon": 8.0}],
                 "agents": [{"name": "worker", "module": "%s", "parameters": {"ticks": "100000"},
                             "capabilities": {"hostFunctions": []}}],
                 "limits": {"tickPeriodMs": 200, "maxTicks": 3000}, "approval": {"required": 2}}
                """.formatted(module);
        return given().auth().oauth2(ada).contentType(ContentType.JSON).body(body).when().post("/api/v1/missions")
                .then().statusCode(201).extract().path("id");
    }

    private String simulate(String missionId) throws InterruptedException {
        String id = given().auth().oauth2(ben).contentType(ContentType.JSON).body("{\"nodes\": 1}")
                .when().post("/api/v1/missions/" + missionId + "/simulations").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            String state = given().auth().oauth2(ben).when().get("/api/v1/missions/" + missionId + "/simulations/" + id)
                    .then().statusCode(200).extract().path("state");
            if (state.equals("SUCCEEDED")) {
                return id;
            }
            assertThat(state).isNotEqualTo("FAILED");
            assertThat(System.nanoTime()).as("simulation still %s", state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Runs every call at once (released together) and returns their HTTP statuses. */
    private static List<Integer> together(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<Integer> approve(String token, String missionId, String simulationId) {
        return () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"simulationId\": \"" + simulationId + "\"}")
                .when().post("/api/v1/missions/" + missionId + "/approvals").then().extract().statusCode();
    }

    private Callable<Integer> dispatch(String token, String missionId, String nodeId) {
        return () -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch").then().extract().statusCode();
    }

    @Test
    void concurrentApprovalsAndDispatchesByTwoCommandersDispatchExactlyOnce() throws Exception {
        String missionId = missionNeedingTwoApprovals();
        String simulationId = simulate(missionId);

        // Ben approves four times at once, Ada once at the same moment: two approvals, three duplicates.
        List<Integer> approvals = together(List.of(approve(ben, missionId, simulationId), approve(ben, missionId, simulationId),
                approve(ben, missionId, simulationId), approve(ben, missionId, simulationId), approve(ada, missionId, simulationId)));
        assertThat(approvals).filteredOn(s -> s == 200).hasSize(2);
        assertThat(approvals).filteredOn(s -> s == 409).hasSize(3);
        List<String> approvers = given().auth().oauth2(ben).when().get("/api/v1/missions/" + missionId + "/approvals")
                .then().statusCode(200).extract().path("approvals.approvedBy");
        assertThat(approvers).containsExactlyInAnyOrder("ada", "ben");

        String nodeA = Fixtures.uniqueId("node-a");
        String nodeB = Fixtures.uniqueId("node-b");
        try (FakeEdgeNode a = FakeEdgeNode.connect(); FakeEdgeNode b = FakeEdgeNode.connect()) {
            a.hello(nodeA);
            b.hello(nodeB);
            List<Callable<Integer>> dispatches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dispatches.add(dispatch(ada, missionId, nodeA));
                dispatches.add(dispatch(ben, missionId, nodeB));
            }
            List<Integer> statuses = together(dispatches);
            assertThat(statuses).as("statuses %s", statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(statuses).as("statuses %s", statuses).filteredOn(s -> s == 409).hasSize(7);

            List<String> shares = given().auth().oauth2(ben).when().get("/api/v1/missions/" + missionId)
                    .then().statusCode(200).extract().path("nodes.nodeId");
            assertThat(shares).as("one node holds the mission").hasSize(1);
            FakeEdgeNode winner = shares.get(0).equals(nodeA) ? a : b;
            FakeEdgeNode loser = winner == a ? b : a;
            winner.await(m -> m.hasAssign() && m.getAssign().getAssignment().getMission().getId().equals(missionId));
            // A round trip through each node's stream, then nothing more was assigned to either.
            for (FakeEdgeNode node : List.of(a, b)) {
                node.send(io.lockstep.proto.v1.EdgeToC2.newBuilder().setBlobRequest(io.lockstep.proto.v1.BlobRequest
                        .newBuilder().setKind(io.lockstep.proto.v1.BlobKind.WASM_MODULE).setSha256("e".repeat(63) + "0")).build());
                node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals("e".repeat(63) + "0"));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> winner.awaitNow(C2ToEdge::hasAssign))
                    .isInstanceOf(AssertionError.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loser.awaitNow(C2ToEdge::hasAssign))
                    .isInstanceOf(AssertionError.class);
        }
    }
}
