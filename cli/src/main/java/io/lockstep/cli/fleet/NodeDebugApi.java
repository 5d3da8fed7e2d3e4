package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;

/** An edge node's local, read-only REST debug port ({@code /debug/v1}). */
public final class NodeDebugApi {
    private final JsonHttp http;

    public NodeDebugApi(int debugPort) {
        this.http = new JsonHttp("http://127.0.0.1:" + debugPort + "/debug/v1");
    }

    public JsonNode status() {
        return http.get("/status");
    }

    /** The vehicle's state now and the last sensor frame ({@code /telemetry}). */
    public JsonNode telemetry() {
        return http.get("/telemetry");
    }

    public JsonNode metrics() {
        return http.get("/metrics");
    }
}
