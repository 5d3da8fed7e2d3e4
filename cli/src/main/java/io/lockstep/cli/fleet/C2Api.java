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

    /** A bearer token of this user (logging in if none is held), e.g. for the dashboard's stream. */
    public String token() {
        return token(false);
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

    /** C2 at {@code baseUrl} without a user: only its open endpoints (the signing key) answer. */
    public C2Api(String baseUrl) {
        this.credentials = null;
        this.open = new JsonHttp(baseUrl.replaceAll("/+$", "") + "/api/v1");
        this.http = open;
    }

    /** A one-time enrolment token for {@code nodeId} (admin); the answer has nodeId, token, expiresAt. */
    public JsonNode issueEnrollmentToken(String nodeId, long ttlSeconds) {
        return http.postJson("/enrollment-tokens", Map.of("nodeId", nodeId, "ttlSeconds", ttlSeconds));
    }

    /** Redeems a token for a certificate over {@code publicKey}; the answer has certificateChain, caCertificate. */
    public JsonNode enrol(String nodeId, String token, String publicKey) {
        return http.postJson("/enrollments", Map.of("nodeId", nodeId, "token", token, "publicKey", publicKey));
    }

    /** What C2 holds of a node's uploaded journal (state, size, sha256); a 404 until the node offered it. */
    public JsonNode journalMetadata(String missionId, String nodeId) {
        return http.get("/missions/" + missionId + "/nodes/" + nodeId + "/journal/metadata");
    }

    /** Replays a node's uploaded journal on C2 with the mission's modules; the verdict. */
    public JsonNode replayJournal(String missionId, String nodeId) {
        return http.postJson("/missions/" + missionId + "/nodes/" + nodeId + "/journal/replay", Map.of());
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

    /** Starts a simulation of the mission on {@code nodes} simulated nodes (202); returns its view. */
    public JsonNode startSimulation(String missionId, int nodes) {
        return http.postJson("/missions/" + missionId + "/simulations", Map.of("nodes", nodes));
    }

    public JsonNode simulation(String missionId, String simulationId) {
        return http.get("/missions/" + missionId + "/simulations/" + simulationId);
    }

    /** Approves a succeeded simulation of the mission bytes {@code missionDigest}; returns the approval status. */
    public JsonNode approve(String missionId, String simulationId, String missionDigest) {
        return http.postJson("/missions/" + missionId + "/approvals",
                Map.of("simulationId", simulationId, "missionDigest", missionDigest));
    }

    /** C2's mission signing public key: keyId, algorithm, publicKey (base64 DER), pem. */
    public JsonNode signingKey() {
        return http.get("/signing-key");
    }

    /**
     * What a commander does before dispatch: simulate the mission on {@code nodes} nodes, wait for the result
     * and approve it. Returns the finished simulation; throws when it failed or did not finish in time.
     */
    public JsonNode simulateAndApprove(String missionId, int nodes, java.time.Duration timeout) {
        JsonNode simulation = awaitSimulation(missionId, startSimulation(missionId, nodes).path("id").asText(), timeout,
                view -> { });
        if (!"SUCCEEDED".equals(simulation.path("state").asText())) {
            throw new IllegalStateException("simulation of mission " + missionId + " failed: "
                    + simulation.path("error").asText());
        }
        approve(missionId, simulation.path("id").asText(), simulation.path("missionDigest").asText());
        return simulation;
    }

    /** Polls a simulation until it finished ({@code onProgress} sees every view); throws past {@code timeout}. */
    public JsonNode awaitSimulation(String missionId, String simulationId, java.time.Duration timeout,
            java.util.function.Consumer<JsonNode> onProgress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode view = simulation(missionId, simulationId);
            onProgress.accept(view);
            String state = view.path("state").asText();
            if ("SUCCEEDED".equals(state) || "FAILED".equals(state)) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("simulation " + simulationId + " still " + state + " after " + timeout);
            }
            ManagedProcess.sleep(250);
        }
    }

    /** Up to 500 entries of a mission's history after the cursor {@code after} (null: from the oldest). */
    public JsonNode history(String missionId, String after) {
        return http.get("/missions/" + missionId + "/history?limit=500" + (after == null ? "" : "&after=" + after));
    }

    /** Asks every node on the mission to cancel it (202 with the mission view); a node may refuse with a reason. */
    public JsonNode cancel(String missionId, String reason) {
        return http.postJson("/missions/" + missionId + "/cancel", Map.of("reason", reason));
    }

    /** The first page (up to 500 entries) of the mission's transitions, oldest first. */
    public JsonNode history(String missionId) {
        return history(missionId, null);
    }

    /** {@code POST /emergency-stop}: latches every node's e-stop; the answer names the nodes it was sent to. */
    public JsonNode emergencyStopAll(String reason) {
        return http.postJson("/emergency-stop", Map.of("reason", reason));
    }

    public JsonNode mission(String missionId) {
        return http.get("/missions/" + missionId);
    }

    public JsonNode nodes() {
        return http.get("/nodes");
    }
}
