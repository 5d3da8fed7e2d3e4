package io.lockstep.edge.debug;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DebugWritesDisabledTest.WritesOff.class)
class DebugWritesDisabledTest {

    public static final class WritesOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lockstep.node.debug.write-enabled", "false");
        }
    }

    @Test
    void evenTheRightTokenIsRefusedWhenWritesAreDisabled() {
        given().header(DebugWriteGuard.TOKEN_HEADER, "test-token").contentType("application/json")
                .body("{\"engaged\": true}").post("/debug/v1/estop").then().statusCode(403);
        given().header(DebugWriteGuard.TOKEN_HEADER, "test-token").contentType("application/json")
                .body("{\"vx\": 1, \"vy\": 0, \"durationMs\": 1000}").post("/debug/v1/override").then().statusCode(403);
        given().get("/debug/v1/status").then().statusCode(200);
    }
}
