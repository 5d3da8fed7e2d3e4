package io.lockstep.c2.api;

import io.quarkus.test.security.TestSecurity;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.proto.v1.AgentLogLine;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Agent log lines a node forwards in its telemetry, as C2 keeps and shows them (bounded). */
@QuarkusTest
@TestSecurity(user = "test-admin", roles = {"viewer", "operator", "commander", "admin"})
@QuarkusTestResource(C2TestResources.class)
class AgentLogsApiTest {

    private static EdgeToC2 telemetry(String missionId, long dropped, AgentLogLine... lines) {
        Telemetry.Builder t = Telemetry.newBuilder().setMissionId(missionId).setTick(10).setBatteryFraction(1)
                .setLogsDropped(dropped);
        for (AgentLogLine line : lines) {
            t.addLogs(line);
        }
        return EdgeToC2.newBuilder().setTelemetry(t).build();
    }

    private static AgentLogLine line(long tick, String level, String message) {
        return AgentLogLine.newBuilder().setTick(tick).setAgent("hello").setLevel(level).setMessage(message).build();
    }

    /** When it returns, C2 has processed everything the node sent before. */
    private static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "e".repeat(63) + "0";
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }

    @Test
    void forwardedLinesAreShownPerMissionAndNodeKeepingOnlyTheLastOnesCut() throws Exception {
        String nodeId = Fixtures.uniqueId("node");
        String moduleSha = Fixtures.uploadModule(WasmModuleBuilder.agent().tag(Fixtures.uniqueId("logs")).build());
        String missionId = Fixtures.createMission(moduleSha);
        String path = "/api/v1/missions/" + missionId + "/nodes/" + nodeId + "/logs";

        given().get(path).then().statusCode(200).body("lines", hasSize(0)).body("dropped", equalTo(0));
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(nodeId);
            node.send(telemetry(missionId, 0, line(1, "INFO", "hello: started"), line(2, "BOGUS", "x".repeat(500))));
            node.send(telemetry("no-such-mission", 0, line(1, "INFO", "ignored")));
            sync(node);
            given().get(path).then().statusCode(200)
                    .body("lines", hasSize(2))
                    .body("lines[0].message", equalTo("hello: started"))
                    .body("lines[0].agent", equalTo("hello"))
                    .body("lines[0].tick", equalTo(1))
                    .body("lines[1].level", equalTo("INFO"))
                    .body("lines[1].message.length()", equalTo(200));

            for (int batch = 0; batch < 30; batch++) {
                AgentLogLine[] lines = new AgentLogLine[8];
                for (int i = 0; i < 8; i++) {
                    lines[i] = line(100 + batch * 8 + i, "WARN", "line " + (batch * 8 + i));
                }
                node.send(telemetry(missionId, 3, lines));
            }
            sync(node);
        }
        given().get(path).then().statusCode(200)
                .body("lines", hasSize(200))
                .body("lines[199].message", equalTo("line 239"))
                .body("lines[0].message", equalTo("line 40"))
                .body("dropped", equalTo(90));
    }

    @Test
    void anUnknownMissionIsAProblem() {
        given().get("/api/v1/missions/nope/nodes/node-1/logs").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
