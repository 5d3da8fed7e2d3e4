package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus server (Debian's {@code prometheus} package) on loopback, with its own configuration and a
 * temporary storage directory, scraping the given targets at {@code /q/metrics} every second. Absent binary: the
 * test is skipped with a message, unless {@value #REQUIRE} is set (CI sets it; .ci/run installs the package).
 */
final class PrometheusServer implements AutoCloseable {
    static final String REQUIRE = "LOCKSTEP_REQUIRE_PROMETHEUS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param jobs job name → host:port of a target serving /q/metrics */
    static PrometheusServer startOrSkip(Path dir, Map<String, String> jobs) throws IOException {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            if ("1".equals(System.getenv(REQUIRE))) {
                throw new AssertionError("the prometheus binary is not installed but " + REQUIRE
                        + "=1 (install the Debian package prometheus; .ci/run does)");
            }
            Assumptions.abort("prometheus is not installed (apt-get install prometheus); set " + REQUIRE
                    + "=1 to make this a failure");
        }
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        jobs.forEach((job, target) -> config.append("  - job_name: ").append(job).append('\n')
                .append("    metrics_path: /q/metrics\n")
                .append("    static_configs:\n      - targets: [\"").append(target).append("\"]\n"));
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = FreePort.pick();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.get().toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, port, log);
    }

    private static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Waits until {@code count} targets report health "up". */
    void awaitTargetsUp(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = get("/api/v1/targets");
            if (targets != null) {
                int up = 0;
                for (JsonNode t : targets.at("/data/activeTargets")) {
                    up += "up".equals(t.path("health").asText()) ? 1 : 0;
                }
                if (up >= count) {
                    return;
                }
            }
            alive();
            ManagedProcess.sleep(200);
        }
        throw new AssertionError(count + " targets not up within " + timeout + ": " + targets + "; log " + log);
    }

    /** The instant query's result vector, once it is not empty (or the empty one at the deadline). */
    JsonNode awaitQuery(String promql, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = null;
        while (System.nanoTime() < deadline) {
            answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            if (answer != null && !"success".equals(answer.path("status").asText())) {
                throw new AssertionError("Prometheus refused " + promql + ": " + answer);
            }
            if (answer != null && !answer.at("/data/result").isEmpty()) {
                return answer.at("/data/result");
            }
            alive();
            ManagedProcess.sleep(200);
        }
        return answer == null ? JSON.createArrayNode() : answer.at("/data/result");
    }

    private void alive() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited with " + process.exitValue() + "; see " + log);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 || response.statusCode() == 400 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
