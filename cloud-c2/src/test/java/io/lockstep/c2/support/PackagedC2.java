package io.lockstep.c2.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged C2 ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a process on loopback, started and
 * stopped (or killed) as often as a test likes on one data directory, with RestAssured logged in to it as an
 * admin. {@link #close()} leaves nothing behind: the C2 process, every embedded redis-server it started (also
 * one orphaned by a SIGKILL) and the data directory.
 */
public final class PackagedC2 implements AutoCloseable {

    private final Path dataDir;
    private final Path logFile;
    private final int httpPort;
    private final int grpcPort;
    private final List<String> settings;
    private final List<ProcessHandle> redisServers = new ArrayList<>();
    private Process process;

    private PackagedC2(Path dataDir, int httpPort, int grpcPort, List<String> settings) {
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.settings = List.copyOf(settings);
    }

    /**
     * A C2 on a fresh data directory under {@code target/}, on free loopback ports; RestAssured points at it.
     *
     * @param settings extra {@code -Dkey=value} arguments, e.g. the approval policy off
     */
    public static PackagedC2 inTarget(String prefix, String... settings) throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        PackagedC2 c2 = new PackagedC2(dataDir, C2TestResources.freePort(), C2TestResources.freePort(),
                List.of(settings));
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = c2.httpPort;
        return c2;
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }

    /** Starts C2, waits until it is ready, and logs RestAssured in. */
    public void start() throws Exception {
        launch();
        awaitReady();
        redisServers.add(redisServer());
        JarLogin.logIn();
    }

    /** Starts C2 and waits for it to exit by itself, as a start that must fail does; returns its exit code. */
    public int startExpectingExit() throws Exception {
        launch();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("C2 did not exit:\n" + log());
        }
        int code = process.exitValue();
        process = null;
        return code;
    }

    private void launch() throws IOException {
        JarLogin.createAdmin(dataDir);
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.grpc.server.host=127.0.0.1", "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dlockstep.c2.redis.data-dir=" + dataDir));
        command.addAll(settings);
        command.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }

    /** The embedded redis-server the running C2 started. */
    public ProcessHandle redisServer() {
        return process.toHandle().descendants()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("C2 has no redis-server child"));
    }

    /** A graceful stop (SIGTERM), as an operator's restart. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** SIGKILL: C2 gets no chance to clean up; its redis-server child is left running. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        // Whatever this C2 started must be gone, also when the test failed half-way.
        for (ProcessHandle redis : redisServers) {
            redis.destroyForcibly();
            redis.onExit().get(10, TimeUnit.SECONDS);
        }
        RestAssured.reset();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.deleteIfExists(logFile);
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("C2 exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        throw new AssertionError("C2 did not become ready:\n" + log());
    }
}
