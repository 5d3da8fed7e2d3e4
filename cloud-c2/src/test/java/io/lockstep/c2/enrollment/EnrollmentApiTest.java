package io.lockstep.c2.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.pki.NodeKeys;
import io.lockstep.pki.Pem;
import io.lockstep.proto.v1.C2ToEdge;
import io.netty.handler.ssl.SslContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(EnrollmentProfile.class)
@QuarkusTestResource(C2TestResources.class)
@TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class EnrollmentApiTest {

    private static String token(String nodeId) {
        return given().contentType(ContentType.JSON).body(Map.of("nodeId", nodeId))
                .when().post("/api/v1/enrollment-tokens")
                .then().statusCode(201).body("nodeId", equalTo(nodeId))
                .extract().path("token");
    }

    private static ValidatableResponse enrol(String nodeId, String token, KeyPair key) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("nodeId", nodeId, "token", token, "publicKey", Pem.publicKey(key.getPublic())))
                .when().post("/api/v1/enrollments").then();
    }

    private static SslContext clientTls(KeyPair key, String chainPem, String caPem) throws Exception {
        List<X509Certificate> chain = Pem.certificates(chainPem);
        return GrpcSslContexts.forClient().keyManager(key.getPrivate(), chain.toArray(X509Certificate[]::new))
                .trustManager(Pem.certificates(caPem).toArray(X509Certificate[]::new)).build();
    }

    @Test
    void anEnrolledNodeConnectsOverMutualTlsUnderItsOwnIdOnly() throws Exception {
        String nodeId = Fixtures.uniqueId("enrolled");
        KeyPair key = NodeKeys.generate();

        ValidatableResponse enrolled = enrol(nodeId, token(nodeId), key).statusCode(201)
                .body("nodeId", equalTo(nodeId));
        String chain = enrolled.extract().path("certificateChain");
        String ca = enrolled.extract().path("caCertificate");

        assertThat(Pem.certificates(chain).get(0).getPublicKey()).isEqualTo(key.getPublic());
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(clientTls(key, chain, ca))) {
            C2ToEdge welcome = node.hello(nodeId);
            assertThat(welcome.hasWelcome()).isTrue();
        }
        try (FakeEdgeNode node = FakeEdgeNode.connectTls(clientTls(key, chain, ca))) {
            node.send(FakeEdgeNode.hello(Fixtures.uniqueId("impostor"), 0));
            assertThat(node.awaitEnd().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void aTokenEnrolsOnceOnlyAndOnlyItsNode() {
        String nodeId = Fixtures.uniqueId("once");
        String token = token(nodeId);

        enrol(Fixtures.uniqueId("other"), token, NodeKeys.generate()).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:enrollment-token-other-node"));
        enrol(nodeId, token, NodeKeys.generate()).statusCode(201);
        enrol(nodeId, token, NodeKeys.generate()).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:enrollment-token-used"))
                .body("detail", containsString("already used"));
    }

    @Test
    void badTokensAndKeysAreRefusedWithProblems() {
        String nodeId = Fixtures.uniqueId("bad");
        enrol(nodeId, "no-such-token", NodeKeys.generate()).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:enrollment-token-unknown"));
        given().contentType(ContentType.JSON)
                .body(Map.of("nodeId", nodeId, "token", token(nodeId), "publicKey", "bm90IGEga2V5"))
                .when().post("/api/v1/enrollments").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("nodeId", "not a node id", "ttlSeconds", 60))
                .when().post("/api/v1/enrollment-tokens").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("nodeId", nodeId, "ttlSeconds", 0))
                .when().post("/api/v1/enrollment-tokens").then().statusCode(400);
    }
}
