package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A GET whose connection drops before the answer is sent again; a POST is not (it may have been carried out), and
 * a server that keeps dropping ends the GET with the number of attempts in the error.
 */
class JsonHttpRetryTest {

    private final AtomicInteger requests = new AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;

    /** Serves on loopback; the first {@code drops} connections are closed right after the request is read. */
    private String serve(int drops) throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    readRequestHead(socket.getInputStream());
                    if (requests.incrementAndGet() <= drops) {
                        continue; // closed without an answer
                    }
                    byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException closed) {
                    // the test is over, or the client went away
                }
            }
        }, "json-http-test-server");
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) != -1; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    @Test
    void aGetIsSentAgainWhenTheConnectionDropsBeforeTheAnswer() throws Exception {
        JsonHttp http = new JsonHttp(serve(2));
        assertTrue(http.get("/status").path("ok").asBoolean());
        assertEquals(3, requests.get());
    }

    @Test
    void aGetGivesUpAfterThreeAttemptsAndSaysSo() throws Exception {
        JsonHttp http = new JsonHttp(serve(100));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> http.get("/status"));
        assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("(3 attempts)"), e.getMessage());
        // the JDK's client may itself send an idempotent request twice before it reports the failure
        assertTrue(requests.get() >= 3 && requests.get() <= 6, requests + " requests");
    }

    @Test
    void aPostIsSentOnce() throws Exception {
        JsonHttp http = new JsonHttp(serve(1));
        assertThrows(UncheckedIOException.class, () -> http.postJson("/estop", Map.of("reason", "test")));
        assertEquals(1, requests.get());
    }
}
