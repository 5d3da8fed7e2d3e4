package io.lockstep.c2.support;

import static io.restassured.RestAssured.given;

import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import java.nio.file.Path;

/**
 * For tests that run C2's packaged jar: an admin in the users file of its data directory, and RestAssured
 * sending that admin's bearer token (the login endpoint's answer) with every request.
 */
public final class JarLogin {
    public static final String USER = "it-admin";
    private static final String PASSWORD = "it-admin-password";

    private JarLogin() {
    }

    /** Call before C2 starts on {@code dataDir}. */
    public static void createAdmin(Path dataDir) {
        new UsersFile(dataDir.resolve("users.json")).put(USER, Role.ADMIN, PASSWORD.toCharArray());
    }

    /** Call once C2 is ready: every following RestAssured request carries the token. */
    public static void logIn() {
        RestAssured.requestSpecification = null;
        String token = given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}")
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
    }
}
