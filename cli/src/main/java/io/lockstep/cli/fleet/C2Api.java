package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The commander's REST API of C2 ({@code /api/v1}), as the demo, the fleet tests and the commands use it.
 * It logs in with the user's credentials on first use ({@code POST /api/v1/auth/login}) and sends the
 * token with every call (through {@link JsonHttp}), logging in again when C2 refuses an expired token.
 */
public final class C2Api {
    private final JsonHttp http;
    private final JsonHttp open;
    private final C2Credentials credentials;
    private String token;

    public C2Api(int httpPort, C2Credentials credentials) {
        this("http://127.0.0.1:" + httpPort, credentials);
    }

    /** @param baseUrl C2's HTTP address, e.g. {@code http://c2.example:8080} */
    public C2Api(String baseUrl, C2Credentials credentials) {
        String api = baseUrl.replaceAll("/+$", "") + "/api/v1";
        this.credentials = credentials;
        this.open = new JsonHttp(api);
        this.http = new JsonHttp(api, this::token);
    }

    private synchronized String token(boolean fresh) {
        if (token == null || fresh) {
            token = open.postJson("/auth/login", Map.of("name", credentials.user(), "password", credentials.password()))
                    .path("token").asText();
        }
        return token;
    }

    /** The audit trail as exported JSON lines, and C2's head ({@code "<seq> <hash>"}, from a header). */
    public AuditExport auditExport() {
        HttpResponse<String> response = http.getText("/audit?format=jsonl", "application/x-ndjson");
        return new AuditExport(response.body(), response.headers().firstValue("Lockstep-Audit-Head").orElse(""));
    }

    /** An audit export: the records as JSON lines and the head C2 reported with them. */
    public record AuditExport(String jsonLines, String head) {
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
