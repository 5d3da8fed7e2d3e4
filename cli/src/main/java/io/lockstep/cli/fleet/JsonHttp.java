package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small JSON-over-HTTP client: every non-2xx answer becomes an exception carrying the problem detail.
 * With a token source every request carries {@code Authorization: Bearer <token>}: this is the one place
 * the command line authenticates to C2. A 401 (the token expired) fetches a new token and retries once.
 */
final class JsonHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int GET_ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** Gives the bearer token; {@code fresh} asks for a new one (the last was refused). */
    interface TokenSource {
        String token(boolean fresh);
    }

    private final String baseUrl;
    private final TokenSource tokens;

    JsonHttp(String baseUrl) {
        this(baseUrl, null);
    }

    JsonHttp(String baseUrl, TokenSource tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** GET returning the body as text (e.g. JSON lines), with the answer's headers. */
    HttpResponse<String> getText(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept);
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw problem(response);
        }
        return response;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode postJson(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON POST with one extra header (e.g. the node debug port's write token). */
    JsonNode postJson(String path, Object body, String header, String value) {
        try {
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json").header(header, value)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request.header("Accept", "application/json"));
        if (response.statusCode() / 100 != 2) {
            throw problem(response);
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.request().method() + " " + response.request().uri()
                    + " answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    /** Sends the request, with the bearer token when there is a token source; once more with a fresh token after a 401. */
    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(20));
        HttpResponse<String> response = sendOnce(authorized(request.copy(), false));
        if (response.statusCode() == 401 && tokens != null) {
            response = sendOnce(authorized(request.copy(), true));
        }
        return response;
    }

    private HttpRequest authorized(HttpRequest.Builder request, boolean fresh) {
        if (tokens != null) {
            request.setHeader("Authorization", "Bearer " + tokens.token(fresh));
        }
        return request.build();
    }

    /**
     * Sends the request; a GET that fails on the connection (a keep-alive connection the server closed as it was
     * reused, a reset under load) is sent again, up to {@link #GET_ATTEMPTS} times: a reading command such as the
     * demo's progress poll should not end a long run on one dropped connection. Other methods are sent once.
     */
    private static HttpResponse<String> sendOnce(HttpRequest built) {
        int attempts = "GET".equals(built.method()) ? GET_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= attempts || e instanceof HttpTimeoutException) {
                    throw new UncheckedIOException(built.method() + " " + built.uri() + " failed"
                            + (attempt > 1 ? " (" + attempt + " attempts)" : "") + ": " + e.getMessage(), e);
                }
                pauseBeforeRetry(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpProblem problem(HttpResponse<String> response) {
        String detail = response.body();
        try {
            detail = JSON.readTree(response.body()).path("detail").asText(response.body());
        } catch (IOException notJson) {
            // keep the raw body as the detail
        }
        return new HttpProblem(response.request().method() + " " + response.request().uri() + " -> "
                + response.statusCode() + ": " + detail, response.statusCode());
    }

    /** A non-2xx answer. */
    static final class HttpProblem extends RuntimeException {
        private final int status;

        HttpProblem(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
