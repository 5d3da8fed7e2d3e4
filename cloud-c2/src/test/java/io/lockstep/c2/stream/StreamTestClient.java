package io.lockstep.c2.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A stream client for tests (the JDK's WebSocket): every text frame parsed and queued with its arrival time. */
final class StreamTestClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Frame(JsonNode json, long receivedAtMs) {
    }

    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamTestClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                frames.add(new Frame(JSON.readTree(partial.toString()), System.currentTimeMillis()));
                            } catch (Exception e) {
                                throw new AssertionError("C2 sent a frame that is not JSON: " + partial, e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    static StreamTestClient connect(URI httpUri) {
        return new StreamTestClient(URI.create(httpUri.toString().replaceFirst("^http", "ws")));
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame matching {@code wanted}, skipping others, within {@code timeout}. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
            if (frame == null) {
                throw new AssertionError("no matching frame within " + timeout + "; last skipped: "
                        + skipped.subList(Math.max(0, skipped.size() - 3), skipped.size()));
            }
            if (wanted.test(frame.json())) {
                return frame.json();
            }
            skipped.add(frame.json());
        }
    }

    static Predicate<JsonNode> type(String type) {
        return json -> type.equals(json.path("type").asText());
    }

    @Override
    public void close() {
        socket.abort();
    }
}
