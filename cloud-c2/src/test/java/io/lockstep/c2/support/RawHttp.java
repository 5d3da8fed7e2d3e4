package io.lockstep.c2.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request written byte for byte on a loopback socket, as any client could send it (an HTTP
 * library would escape or refuse what these tests need to send), and the answer read back.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The response to one raw request: status line, headers (lower-case names) and body. */
    public record Answer(int status, String head, String body, boolean closed) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * Sends {@code request} (request line, headers and any body, CRLFs included) and reads the answer;
     * {@code closed} says whether the server closed the connection after an answer with {@code Connection: close}.
     */
    public static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headText.split(" ")[1]);
            Answer partial = new Answer(status, headText, "", false);
            String length = partial.header("content-length");
            byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            boolean closed;
            try {
                closed = "close".equalsIgnoreCase(partial.header("connection")) ? in.read() < 0 : false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Answer(status, headText, new String(body, StandardCharsets.UTF_8), closed);
        }
    }
}
