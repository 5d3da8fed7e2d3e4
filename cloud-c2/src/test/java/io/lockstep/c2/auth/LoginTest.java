package io.lockstep.c2.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The zero-setup login: users file, password check, token with the role and every lower one; bad bodies. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class LoginTest {

    @Inject
    C2Config config;

    @BeforeEach
    void users() {
        UsersFile users = new UsersFile(config.files().resolve("users.json"));
        users.put("carol", Role.COMMANDER, "carol-password".toCharArray());
        users.put("vic", Role.VIEWER, "vic-password".toCharArray());
    }

    private static String body(String name, String password) {
        return "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}";
    }

    @Test
    void aUserLogsInAndActsWithTheRoleAndEveryLowerOne() {
        var answer = given().contentType(ContentType.JSON).body(body("carol", "carol-password"))
                .when().post("/api/v1/auth/login").then().statusCode(200)
                .body("tokenType", equalTo("Bearer")).body("user", equalTo("carol")).body("role", equalTo("commander"))
                .body("roles", hasItems("viewer", "operator", "commander"))
                .extract();
        Instant expires = Instant.parse(answer.path("expiresAt"));
        assertThat(expires).isAfter(Instant.now().plus(config.auth().tokenLifetime()).minusSeconds(60));
        String token = answer.path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/nodes").then().statusCode(200);
        // commander may not upload modules (admin)
        given().header("Authorization", "Bearer " + token).contentType("application/octet-stream").body(new byte[] {0})
                .when().post("/api/v1/modules").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameProblem() {
        given().contentType(ContentType.JSON).body(body("carol", "wrong")).when().post("/api/v1/auth/login")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:lockstep:problem:invalid-credentials"))
                .body("detail", equalTo("unknown user or wrong password"));
        given().contentType(ContentType.JSON).body(body("nobody", "wrong")).when().post("/api/v1/auth/login")
                .then().statusCode(401).body("detail", equalTo("unknown user or wrong password"));
        // the right password still works afterwards
        given().contentType(ContentType.JSON).body(body("vic", "vic-password")).when().post("/api/v1/auth/login")
                .then().statusCode(200).body("role", equalTo("viewer"));
    }

    @Test
    void malformedAndHugeBodiesAreClearProblems() {
        given().contentType(ContentType.JSON).body("{\"name\": \"carol\", ").when().post("/api/v1/auth/login")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:lockstep:problem:malformed-json"));
        given().contentType(ContentType.JSON).body("{\"name\": \"carol\", \"password\": \"x\", \"admin\": true}")
                .when().post("/api/v1/auth/login").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:unknown-field"));
        given().contentType(ContentType.JSON).body("{\"name\": 42, \"password\": \"x\"}")
                .when().post("/api/v1/auth/login").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-field"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/auth/login").then().statusCode(400)
                .body("type", equalTo("urn:lockstep:problem:invalid-request"))
                .body("errors.field", hasItems("name", "password"));
        given().contentType(ContentType.JSON).body("").when().post("/api/v1/auth/login").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(body("carol", "x".repeat(100_000))).when().post("/api/v1/auth/login")
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:lockstep:problem:body-too-large"));
        given().contentType(ContentType.TEXT).body(body("carol", "carol-password")).when().post("/api/v1/auth/login")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(body("carol\\nINFO forged", "x")).when().post("/api/v1/auth/login")
                .then().statusCode(400).body("detail", containsString("name"));
        // nothing was lost: a good login still works
        given().contentType(ContentType.JSON).body(body("carol", "carol-password")).when().post("/api/v1/auth/login")
                .then().statusCode(200);
    }
}
