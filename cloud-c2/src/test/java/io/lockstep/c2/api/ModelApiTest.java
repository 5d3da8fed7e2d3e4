package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class ModelApiTest {

    @Test
    void storesAModelBySha256AndIsIdempotent() {
        byte[] model = ("onnx-bytes-" + Fixtures.uniqueId("model")).getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.of(model);

        given().contentType(ContentType.BINARY).body(model)
                .when().post("/api/v1/models")
                .then().statusCode(201)
                .body("sha256", equalTo(sha))
                .body("size", equalTo(model.length));
        given().contentType(ContentType.BINARY).body(model)
                .when().post("/api/v1/models")
                .then().statusCode(200)
                .body("sha256", equalTo(sha));
        given().when().get("/api/v1/models/" + sha)
                .then().statusCode(200)
                .body("size", equalTo(model.length));
    }

    @Test
    void refusesAnEmptyModel() {
        given().contentType(ContentType.BINARY).body(new byte[0])
                .when().post("/api/v1/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:empty-body"));
    }

    @Test
    void unknownModelIs404() {
        given().when().get("/api/v1/models/" + "a".repeat(64))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:unknown-model"));
    }
}
