package io.lockstep.edge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The status, content type and body of a GET sent with the path exactly as written. */
public record RawGet(int status, String contentType, String body) {

    /** {@link URL} keeps the path as written, invalid escapes included ({@link java.net.URI} would refuse them). */
    public static RawGet send(URL base, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base.getProtocol(), base.getHost(),
                base.getPort(), path).openConnection();
        try {
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new RawGet(status, connection.getContentType(), body);
            }
        } finally {
            connection.disconnect();
        }
    }
}
