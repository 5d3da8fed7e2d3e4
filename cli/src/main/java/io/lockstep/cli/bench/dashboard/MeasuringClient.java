package io.lockstep.cli.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One stream client of the benchmark: counts the samples it gets per node and the latency from the node's
 * send time (the sample's tick) to arrival, in a 1 ms histogram, while {@code measuring} is on.
 */
final class MeasuringClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_LATENCY_MS = 60_000;

    private final WebSocket socket;
    final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final Map<String, Long> samplesPerNode = new HashMap<>();
    private final long[] latencyHistogram = new long[MAX_LATENCY_MS + 1];
    private volatile boolean measuring;
    private long frames;

    MeasuringClient(int httpPort, String token) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/api/v1/stream"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            long now = System.currentTimeMillis();
                            String text = partial.toString();
                            partial.setLength(0);
                            frame(text, now);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    private synchronized void frame(String text, long now) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        if ("snapshot".equals(frame.path("type").asText())) {
            snapshot.complete(null);
        }
        if (!measuring) {
            return;
        }
        frames++;
        for (JsonNode sample : frame.path("samples")) {
            samplesPerNode.merge(sample.path("nodeId").asText(), 1L, Long::sum);
            long latency = Math.max(0, Math.min(MAX_LATENCY_MS, now - sample.path("tick").asLong()));
            latencyHistogram[(int) latency]++;
        }
    }

    void measuring(boolean on) {
        measuring = on;
    }

    synchronized Map<String, Long> samplesPerNode() {
        return new HashMap<>(samplesPerNode);
    }

    synchronized long[] latencyHistogram() {
        return latencyHistogram.clone();
    }

    synchronized long frames() {
        return frames;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
