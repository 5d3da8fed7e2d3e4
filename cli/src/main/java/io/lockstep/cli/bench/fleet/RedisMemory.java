package io.lockstep.cli.bench.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** {@code used_memory} from Redis' {@code INFO memory}, over a plain socket (one inline command, one bulk reply). */
final class RedisMemory {
    private RedisMemory() {
    }

    static long usedBytes(String redisUri) {
        URI uri = URI.create(redisUri);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO memory\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String info = readBulk(socket.getInputStream());
            for (String line : info.split("\r\n")) {
                if (line.startsWith("used_memory:")) {
                    return Long.parseLong(line.substring("used_memory:".length()).trim());
                }
            }
            throw new IllegalStateException("INFO memory has no used_memory line: " + info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read INFO memory from " + redisUri, e);
        }
    }

    private static String readBulk(InputStream in) throws IOException {
        String header = readLine(in);
        if (!header.startsWith("$")) {
            throw new IOException("unexpected Redis reply: " + header);
        }
        int length = Integer.parseInt(header.substring(1));
        byte[] body = in.readNBytes(length + 2);
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            previous = b;
        }
    }
}
