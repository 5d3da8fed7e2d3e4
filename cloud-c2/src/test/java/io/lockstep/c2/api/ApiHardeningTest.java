package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The REST API against requests a browser, a script or an attacker can send. Real C2 and Redis. */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class ApiHardeningTest {

    @TestHTTPResource("/")
    URI base;

    private String connectedNode() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
        }
        return nodeId;
    }

    @Test
    void aChunkedBodyOverTheJsonLimitIsRefused() throws Exception {
        String nodeId = connectedNode();
        byte[] body = ("{\"reason\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length, so the client sends the body chunked, with no Content-Length.
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/nodes/" + nodeId + "/estop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("body-too-large");
        given().when().get("/api/v1/nodes/" + nodeId).then().body("emergencyStop.engaged", equalTo(false));
    }

    @Test
    void reasonsAreBounded() throws Exception {
        String nodeId = connectedNode();
        given().contentType(ContentType.JSON).body("{\"reason\": \"" + "r".repeat(1025) + "\"}")
                .when().post("/api/v1/nodes/" + nodeId + "/estop")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:reason-too-long"));
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        given().contentType(ContentType.JSON).body("{\"reason\": \"" + "r".repeat(1025) + "\"}")
                .when().post("/api/v1/missions/" + missionId + "/abort")
                .then().statusCode(400).body("type", equalTo("urn:lockstep:problem:reason-too-long"));
        given().when().get("/api/v1/missions/" + missionId).then().body("state", equalTo("CREATED"));
    }

    @Test
    void abortAndEstopNeedAJsonContentType() throws Exception {
        String nodeId = connectedNode();
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        // What a cross-site form can send without asking: text/plain, urlencoded (even empty), multipart.
        HttpClient http = HttpClient.newHttpClient();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            for (String path : new String[] {"/api/v1/missions/" + missionId + "/abort", "/api/v1/nodes/" + nodeId + "/estop"}) {
                for (String body : new String[] {"{\"reason\": \"csrf\"}", ""}) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                            .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("%s with %s", path, type).isEqualTo(415);
                    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                }
            }
        }
        given().when().post("/api/v1/nodes/" + nodeId + "/estop").then().statusCode(415)
                .body("detail", containsString("application/json"));
        given().when().get("/api/v1/missions/" + missionId).then().body("state", equalTo("CREATED"));
        given().when().get("/api/v1/nodes/" + nodeId).then().body("emergencyStop.engaged", equalTo(false));
        // An empty JSON request still works.
        given().contentType(ContentType.JSON).when().post("/api/v1/missions/" + missionId + "/abort")
                .then().statusCode(202);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() throws Exception {
        String nodeId = connectedNode();
        byte[] latin1 = "{\"reason\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        given().contentType("application/json").body(latin1)
                .when().post("/api/v1/nodes/" + nodeId + "/estop")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-utf8"));
    }

    @Test
    void idsOutsideTheGrammarAreRefusedAtEveryEntryPoint() throws Exception {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        given().when().get("/api/v1/missions/" + missionId + ":nodes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-id"));
        given().contentType(ContentType.JSON).when().post("/api/v1/missions/" + missionId + ":nodes/abort")
                .then().statusCode(400).body("type", equalTo("urn:lockstep:problem:invalid-id"));
        given().contentType(ContentType.JSON).body("{\"nodes\": [\"a\\nb\"]}")
                .when().post("/api/v1/missions/" + missionId + "/dispatch")
                .then().statusCode(400).body("type", equalTo("urn:lockstep:problem:invalid-id"))
                .body("detail", containsString("'a\\x0ab'"));
        given().when().get("/api/v1/nodes/a:b").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-id"));
        given().contentType(ContentType.JSON).when().post("/api/v1/nodes/" + "n".repeat(129) + "/estop")
                .then().statusCode(400).body("type", equalTo("urn:lockstep:problem:invalid-id"));
        given().when().delete("/api/v1/nodes/a%20b/estop").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-id"));
    }

    @Test
    void methodNotAllowedAndOptionsNameTheMethodsThePathAllows() {
        given().when().put("/api/v1/nodes/x/estop").then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", equalTo("DELETE, OPTIONS, POST"));
        given().when().options("/api/v1/nodes/x/estop").then().statusCode(200)
                .header("Allow", equalTo("DELETE, OPTIONS, POST"));
        given().when().options("/api/v1/missions").then().statusCode(200)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().when().delete("/api/v1/missions/x").then().statusCode(405)
                .header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    @Test
    void anOverlongUriIsAProblem() {
        given().when().get("/api/v1/nodes/" + "a".repeat(3000)).then().statusCode(414)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:uri-too-long"));
    }

    @Test
    void aRequestWhoseBodyNeverArrivesIsClosed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            // Headers promise a body; it never comes. C2 must not hold the connection (and a worker) forever.
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/missions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            try {
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("C2 kept a request with a missing body open for 20 s");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void internalErrorsDoNotNameJavaClasses() {
        // A body Jackson cannot bind at all still answers in C2's words.
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/api/v1/missions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("io.lockstep")))
                .body("detail", not(containsString("Exception")));
    }
}
