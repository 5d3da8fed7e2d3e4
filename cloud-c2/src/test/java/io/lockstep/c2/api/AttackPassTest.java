package io.lockstep.c2.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An outsider's pass over the endpoints added in session 2 (simulations, approvals, journals, users, login,
 * audit, emergency stop, enrolments): chunked bodies over the limits on every POST/PUT, and odd ids on the
 * journal and simulation paths, sent byte for byte as written (no client-side encoding). Each is a clear
 * 4xx problem+json; none is a 2xx or a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
class AttackPassTest {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> chunked(String method, String path, byte[] body) throws Exception {
        // ofInputStream has no known length: the client sends the body chunked, without a Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> raw(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hugeJson(int bytes) {
        return ("{\"reason\": \"" + "x".repeat(bytes) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void chunkedBodiesOverTheLimitAreRefusedOnEveryPost() throws Exception {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
        }
        byte[] body = hugeJson(2 * 1024 * 1024);
        List<String[]> posts = List.of(
                new String[] {"POST", "/api/v1/auth/login"},
                new String[] {"POST", "/api/v1/missions"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/dispatch"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/abort"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/cancel"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/simulations"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/approvals"},
                new String[] {"POST", "/api/v1/nodes/" + nodeId + "/estop"},
                new String[] {"PUT", "/api/v1/users/mallory"},
                new String[] {"POST", "/api/v1/enrollment-tokens"},
                new String[] {"POST", "/api/v1/enrollments"},
                new String[] {"POST", "/api/v1/emergency-stop"},
                new String[] {"POST", "/api/v1/audit/verify"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/journal/requests"},
                new String[] {"POST", "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/journal/replay"});
        List<String> wrong = new ArrayList<>();
        for (String[] call : posts) {
            // Journal requests and replays take no body: a small chunked one (a huge one unread would only
            // race the client's upload against the answer).
            boolean noBody = call[1].endsWith("/journal/requests") || call[1].endsWith("/journal/replay");
            HttpResponse<String> response;
            try {
                response = chunked(call[0], call[1], noBody ? hugeJson(4096) : body);
            } catch (java.io.IOException e) {
                wrong.add(call[0] + " " + call[1] + " -> no answer: " + e);
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() < 400 || response.statusCode() >= 500 || !type.startsWith("application/problem+json")) {
                wrong.add(call[0] + " " + call[1] + " -> " + response.statusCode() + " " + type);
            }
        }
        assertThat(wrong).as("answers that are not a 4xx problem").isEmpty();
        // The e-stop was not engaged by the refused fleet-wide request.
        io.restassured.RestAssured.given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                .body("emergencyStop.engaged", org.hamcrest.Matchers.not(true));
    }

    @Test
    void oddIdsOnJournalAndSimulationPathsAreClearRefusals() throws Exception {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        List<String> odd = List.of("..", "%2E%2E", "%2F", "a%2Fb", "a".repeat(200), "%C3%B1od%C3%A9", "%E2%80%AE",
                "x:nodes", missionId + ":nodes", "%00", "a%20b", "%22%3E%3Cscript%3E");
        List<String> wrong = new ArrayList<>();
        for (String id : odd) {
            List<String[]> calls = List.of(
                    new String[] {"GET", "/api/v1/missions/" + missionId + "/simulations/" + id},
                    new String[] {"GET", "/api/v1/missions/" + id + "/simulations"},
                    new String[] {"POST", "/api/v1/missions/" + id + "/simulations"},
                    new String[] {"GET", "/api/v1/missions/" + missionId + "/nodes/" + id + "/journal"},
                    new String[] {"GET", "/api/v1/missions/" + missionId + "/nodes/" + id + "/journal/metadata"},
                    new String[] {"POST", "/api/v1/missions/" + missionId + "/nodes/" + id + "/journal/requests"},
                    new String[] {"POST", "/api/v1/missions/" + missionId + "/nodes/" + id + "/journal/replay"},
                    new String[] {"GET", "/api/v1/missions/" + id + "/nodes/node-1/journal"},
                    new String[] {"POST", "/api/v1/missions/" + id + "/approvals"});
            for (String[] call : calls) {
                HttpResponse<String> response = raw(call[0], call[1]);
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (id.equals("..") || id.equals("%2E%2E")) {
                    // A dot segment is resolved by the HTTP layer (RFC 3986) to another path: never an error there.
                    if (response.statusCode() >= 500) {
                        wrong.add(call[0] + " " + call[1] + " -> " + response.statusCode());
                    }
                    continue;
                }
                if (response.statusCode() < 400 || response.statusCode() >= 500 || !type.startsWith("application/problem+json")
                        || response.body().contains("Exception")) {
                    wrong.add(call[0] + " " + call[1] + " -> " + response.statusCode() + " " + type + " "
                            + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
        }
        assertThat(wrong).as("answers that are not a clean 4xx problem").isEmpty();
        // Nothing was created under an odd key: the mission's simulations are still none.
        io.restassured.RestAssured.given().contentType(ContentType.JSON).when()
                .get("/api/v1/missions/" + missionId + "/simulations").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }
}
