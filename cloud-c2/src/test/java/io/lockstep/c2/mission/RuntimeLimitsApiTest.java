package io.lockstep.c2.mission;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * C2 refuses what a node could not run, with the node's own rules: a fuel budget over the ceiling of the tick
 * period, a module beyond the loader's structural limits, a mission over a node's advertised memory budget,
 * and it names every ungranted import at once.
 */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class RuntimeLimitsApiTest {

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/missions").then();
    }

    @Test
    void aFuelBudgetOverTheCeilingOfItsTickPeriodIsRefused() {
        String mission = Fixtures.missionJson(Fixtures.uploadModule());
        // The fixture runs at 20 ms: the ceiling is 50,000,000.
        post(mission.replace("\"fuelPerTick\": 1000000", "\"fuelPerTick\": " + ((1L << 61) - 1)))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("limits.fuelPerTick"));
        post(mission.replace("\"fuelPerTick\": 1000000", "\"fuelPerTick\": 50000001"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("limits.fuelPerTick"))
                .body("errors[0].message", containsString("over the ceiling of 50000000 for a 20 ms tick period"));
        post(mission.replace("\"tickPeriodMs\": 20", "\"tickPeriodMs\": 60000"))
                .statusCode(400).body("errors.field", contains("limits.tickPeriodMs"));
        post(mission.replace("\"tickPeriodMs\": 20", "\"tickPeriodMs\": 100")
                .replace("\"fuelPerTick\": 1000000", "\"fuelPerTick\": 250000000")).statusCode(201);
    }

    @Test
    void aModuleTheNodeCouldNotLoadIsRefusedAtUploadNamingTheLimit() {
        given().contentType(ContentType.BINARY).body(deepStackModule(200_000))
                .when().post("/api/v1/modules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:invalid-module"))
                .body("detail", containsString("operand stack limit"));
    }

    @Test
    void everyUngrantedImportIsNamed() {
        byte[] f64f64 = {WasmModuleBuilder.F64, WasmModuleBuilder.F64};
        byte[] i32 = {WasmModuleBuilder.I32};
        byte[] four = {WasmModuleBuilder.I32, WasmModuleBuilder.I32, WasmModuleBuilder.I32, WasmModuleBuilder.I32};
        String sha = Fixtures.uploadModule(WasmModuleBuilder.agent()
                .importing("lockstep", "act_velocity", f64f64, i32)
                .importing("lockstep", "emit", four, i32)
                .tag(Fixtures.uniqueId("greedy")).build());
        post(Fixtures.missionJson(sha))
                .statusCode(400)
                .body("errors.field", contains("agents[0].capabilities.hostFunctions"))
                .body("errors[0].message", containsString("'act_velocity', 'emit'"));
    }

    @Test
    void dispatchToANodeWhoseMemoryBudgetTheMissionDoesNotFitIsAConflict() throws Exception {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        // One agent x 16 pages x 64 KiB = 1 MiB.
        String small = Fixtures.uniqueId("small-node");
        String large = Fixtures.uniqueId("large-node");
        try (FakeEdgeNode a = FakeEdgeNode.connect(); FakeEdgeNode b = FakeEdgeNode.connect()) {
            hello(a, small, 1024 * 1024 - 1);
            hello(b, large, 1024 * 1024);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + small + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch")
                    .then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("node '" + small + "' cannot admit this mission"))
                    .body("detail", containsString("agent memory budget of 1048575 bytes"));
            given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                    .body("state", equalTo("CREATED"));
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + large + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch")
                    .then().statusCode(202);
        }
    }

    private static void hello(FakeEdgeNode node, String nodeId, long budget) throws InterruptedException {
        EdgeToC2 hello = FakeEdgeNode.hello(nodeId, 0);
        node.send(hello.toBuilder().setHello(hello.getHello().toBuilder().setCapabilities(
                hello.getHello().getCapabilities().toBuilder().setAgentMemoryBudgetBytes(budget))).build());
        node.await(C2ToEdge::hasWelcome);
    }

    /** A valid agent whose lockstep_tick pushes {@code depth} constants before dropping them. */
    private static byte[] deepStackModule(int depth) {
        ByteArrayOutputStream tick = new ByteArrayOutputStream();
        tick.write(0);
        for (int i = 0; i < depth; i++) {
            tick.write(0x41);
            tick.write(0);
        }
        for (int i = 0; i < depth; i++) {
            tick.write(0x1A);
        }
        tick.writeBytes(new byte[] {0x41, 0, 0x0B});
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0});
        section(m, 1, new byte[] {4, 0x60, 0, 1, 0x7F, 0x60, 1, 0x7F, 1, 0x7F, 0x60, 2, 0x7F, 0x7F, 1, 0x7F,
            0x60, 1, 0x7E, 1, 0x7F});
        section(m, 3, new byte[] {4, 0, 1, 2, 3});
        section(m, 5, new byte[] {1, 0, 1});
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.write(5);
        export(exports, "memory", 2, 0);
        export(exports, "lockstep_abi_version", 0, 0);
        export(exports, "lockstep_alloc", 0, 1);
        export(exports, "lockstep_init", 0, 2);
        export(exports, "lockstep_tick", 0, 3);
        section(m, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(4);
        body(code, new byte[] {0, 0x41, 1, 0x0B});
        body(code, new byte[] {0, 0x41, (byte) 0x80, 0x20, 0x0B});
        body(code, new byte[] {0, 0x41, 0, 0x0B});
        body(code, tick.toByteArray());
        section(m, 10, code.toByteArray());
        return m.toByteArray();
    }

    private static void export(ByteArrayOutputStream out, String name, int kind, int index) {
        out.write(name.length());
        out.writeBytes(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(kind);
        out.write(index);
    }

    private static void body(ByteArrayOutputStream out, byte[] body) {
        u32(out, body.length);
        out.writeBytes(body);
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        body(out, payload);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
