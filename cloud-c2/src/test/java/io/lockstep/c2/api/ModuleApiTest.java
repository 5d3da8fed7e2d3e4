package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class ModuleApiTest {

    @Test
    void acceptsModulesSentAsApplicationWasmAndRefusesOtherMediaTypes() {
        byte[] module = WasmModuleBuilder.agent().tag(Fixtures.uniqueId("wasm-media-type")).build();
        String sha = Sha256.of(module);

        given().contentType("application/wasm").body(module)
                .when().post("/api/v1/modules")
                .then().statusCode(201)
                .body("sha256", equalTo(sha));
        given().contentType("application/wasm").body("not wasm".getBytes())
                .when().post("/api/v1/modules")
                .then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("text/plain").body("module")
                .when().post("/api/v1/modules")
                .then().statusCode(415);
    }

    @Test
    void storesAValidModuleBySha256AndIsIdempotent() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "log", new byte[] {WasmModuleBuilder.I32, WasmModuleBuilder.I32,
                        WasmModuleBuilder.I32}, new byte[] {WasmModuleBuilder.I32})
                .tag(Fixtures.uniqueId("idempotent")).build();
        String sha = Sha256.of(module);

        given().contentType(ContentType.BINARY).body(module)
                .when().post("/api/v1/modules")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/modules/" + sha))
                .body("sha256", equalTo(sha))
                .body("size", equalTo(module.length));

        given().contentType(ContentType.BINARY).body(module)
                .when().post("/api/v1/modules")
                .then().statusCode(200)
                .body("sha256", equalTo(sha))
                .body("size", equalTo(module.length));

        given().when().get("/api/v1/modules/" + sha)
                .then().statusCode(200)
                .body("sha256", equalTo(sha))
                .body("size", equalTo(module.length))
                .body("hostImports", contains("log"))
                .body("exports", contains("memory", "lockstep_abi_version", "lockstep_alloc", "lockstep_init",
                        "lockstep_tick"))
                .body("handlesMessages", equalTo(false))
                .body("minMemoryPages", equalTo(1));
    }

    @Test
    void refusesBytesThatAreNotWasm() {
        given().contentType(ContentType.BINARY).body("definitely not wasm".getBytes())
                .when().post("/api/v1/modules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-module"))
                .body("status", equalTo(400))
                .body("title", equalTo("Not a valid agent module"))
                .body("detail", containsString("malformed module: not a WebAssembly module"));
    }

    @Test
    void refusesAModuleThatBreaksTheAbi() {
        byte[] module = WasmModuleBuilder.agent().without("lockstep_init").tag(Fixtures.uniqueId("abi")).build();

        given().contentType(ContentType.BINARY).body(module)
                .when().post("/api/v1/modules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("missing required export lockstep_init (i32, i32) -> (i32)"));
    }

    @Test
    void refusesAnEmptyBody() {
        given().contentType(ContentType.BINARY).body(new byte[0])
                .when().post("/api/v1/modules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:empty-body"));
    }

    @Test
    void refusesAModuleOverTheSizeLimit() {
        byte[] oversize = new byte[16 * 1024 * 1024 + 1];

        given().contentType(ContentType.BINARY).body(oversize)
                .when().post("/api/v1/modules")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:body-too-large"))
                .body("detail", containsString("16777216"));
    }

    @Test
    void refusesTheWrongContentType() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/modules")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void unknownModuleIs404AndABadDigestIs400() {
        given().when().get("/api/v1/modules/" + "0".repeat(64))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:unknown-module"));

        given().when().get("/api/v1/modules/not-a-digest")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-digest"));
    }
}
