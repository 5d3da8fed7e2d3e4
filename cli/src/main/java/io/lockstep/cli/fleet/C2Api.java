package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The commander's REST API of C2 ({@code /api/v1}), as the demo and the fleet tests use it. */
public final class C2Api {
    private final JsonHttp http;

    public C2Api(int httpPort) {
        this("http://127.0.0.1:" + httpPort);
    }

    /** C2 at {@code baseUrl} (scheme, host and port, e.g. {@code https://c2.example:8080}). */
    public C2Api(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = new JsonHttp(base + "/api/v1");
    }

    /** A one-time enrolment token for {@code nodeId} (admin); the answer has nodeId, token, expiresAt. */
    public JsonNode issueEnrollmentToken(String nodeId, long ttlSeconds) {
        return http.postJson("/enrollment-tokens", Map.of("nodeId", nodeId, "ttlSeconds", ttlSeconds));
    }

    /** Redeems a token for a certificate over {@code publicKey}; the answer has certificateChain, caCertificate. */
    public JsonNode enrol(String nodeId, String token, String publicKey) {
        return http.postJson("/enrollments", Map.of("nodeId", nodeId, "token", token, "publicKey", publicKey));
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
