package io.lockstep.cli.bench.dashboard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
    /** Node send time to C2 putting the sample in a frame (the frame's serverTimeMs): C2's share of the latency. */
    private final long[] c2LatencyHistogram = new long[MAX_LATENCY_MS + 1];
    /** Node send time to C2's link taking the sample (its receivedAtMs): the transport's share, before C2's code. */
    private final long[] receiptLatencyHistogram = new long[MAX_LATENCY_MS + 1];
    private final java.util.List<Long> frameTicks = new java.util.ArrayList<>();
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
        // A streaming read of only what is measured: 10 clients x 10 frames/s x 1,000 samples would otherwise
        // cost the benchmark's own JVM more CPU than the C2 it measures.
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            frameTicks.clear();
            long serverTimeMs = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("serverTimeMs".equals(field)) {
                    serverTimeMs = parser.getValueAsLong();
                } else if ("type".equals(field) && "snapshot".equals(parser.getValueAsString())) {
                    snapshot.complete(null);
                } else if ("samples".equals(field) && value == JsonToken.START_ARRAY && measuring) {
                    frames++;
                    samples(parser, now);
                } else {
                    parser.skipChildren();
                }
            }
            if (serverTimeMs >= 0) {
                for (long tick : frameTicks) {
                    c2LatencyHistogram[(int) Math.max(0, Math.min(MAX_LATENCY_MS, serverTimeMs - tick))]++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a frame this client measures
        }
    }

    private void samples(JsonParser parser, long now) throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String nodeId = null;
            long tick = 0;
            long receivedAtMs = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("nodeId".equals(field)) {
                    nodeId = parser.getValueAsString();
                } else if ("tick".equals(field)) {
                    tick = parser.getValueAsLong();
                } else if ("receivedAtMs".equals(field)) {
                    receivedAtMs = parser.getValueAsLong();
                } else {
                    parser.skipChildren();
                }
            }
            if (nodeId != null) {
                samplesPerNode.merge(nodeId, 1L, Long::sum);
                long latency = Math.max(0, Math.min(MAX_LATENCY_MS, now - tick));
                latencyHistogram[(int) latency]++;
                frameTicks.add(tick);
                if (receivedAtMs >= 0) {
                    receiptLatencyHistogram[(int) Math.max(0, Math.min(MAX_LATENCY_MS, receivedAtMs - tick))]++;
                }
            }
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

    synchronized long[] receiptLatencyHistogram() {
        return receiptLatencyHistogram.clone();
    }

    synchronized long[] c2LatencyHistogram() {
        return c2LatencyHistogram.clone();
    }

    synchronized long frames() {
        return frames;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
