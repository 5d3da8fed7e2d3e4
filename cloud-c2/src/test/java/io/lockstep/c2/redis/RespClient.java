package io.lockstep.c2.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal RESP client for tests that need to talk to redis-server without Quarkus. */
final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a command; returns the first reply line, plus the payload line for bulk strings. */
    String command(String... parts) throws IOException {
        send(parts);
        String first = line();
        return first.startsWith("$") && !first.equals("$-1") ? first + "\r\n" + line() : first;
    }

    private void send(String... parts) throws IOException {
        StringBuilder request = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a command answered with a bulk string; returns the whole string (all its lines). */
    String bulk(String... parts) throws IOException {
        String first = command(parts);
        if (!first.startsWith("$") || first.equals("$-1")) {
            throw new IOException(String.join(" ", parts) + " answered " + first);
        }
        int length = Integer.parseInt(first.substring(1, first.indexOf('\r')));
        StringBuilder text = new StringBuilder(first.substring(first.indexOf('\n') + 1));
        while (text.length() < length) {
            text.append("\r\n").append(line());
        }
        return text.toString();
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int previous = -1;
        int current;
        while ((current = in.read()) != -1) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            buffer.write(current);
            previous = current;
        }
        throw new IOException("redis closed the connection");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
