package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The commander's REST API of C2 ({@code /api/v1}), as the demo and the fleet tests use it. */
public final class C2Api {
    private final JsonHttp http;

    public C2Api(int httpPort) {
        this.http = new JsonHttp("http://127.0.0.1:" + httpPort + "/api/v1");
    }

    /** Uploads a Wasm module; returns its sha256. */
    public String uploadModule(byte[] wasm) {
        return http.postBytes("/modules", wasm).path("sha256").asText();
    }

    /** Uploads an ONNX model; returns its sha256. */
    public String uploadModel(byte[] onnx) {
        return http.postBytes("/models", onnx).path("sha256").asText();
    }

    /** Creates a mission from its JSON form; returns the id C2 gave it. */
    public String createMission(Map<String, Object> mission) {
        return http.postJson("/missions", mission).path("id").asText();
    }

    public JsonNode dispatch(String missionId, List<String> nodeIds) {
        return http.postJson("/missions/" + missionId + "/dispatch", Map.of("nodes", nodeIds));
    }

    public JsonNode mission(String missionId) {
        return http.get("/missions/" + missionId);
    }

    public JsonNode nodes() {
        return http.get("/nodes");
    }
}
