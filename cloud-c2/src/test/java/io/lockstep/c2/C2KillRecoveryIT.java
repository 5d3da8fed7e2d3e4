package io.lockstep.c2;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.JarLogin;
import io.lockstep.c2.support.Fixtures;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged C2 with SIGKILL, which leaves its embedded redis-server running, and starts C2 again
 * on the same data directory: the leftover server is shut down (never a second one on the same files) and
 * the state written before the kill is there.
 */
class C2KillRecoveryIT {

    private Path dataDir;
    private Path logFile;
    private Process c2;
    private int httpPort;
    private int grpcPort;
    private final List<ProcessHandle> redisServers = new ArrayList<>();

    @BeforeEach
    void prepare() throws IOException {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "c2-kill-");
        logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        httpPort = C2TestResources.freePort();
        grpcPort = C2TestResources.freePort();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = httpPort;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (c2 != null) {
            c2.destroy();
            if (!c2.waitFor(30, TimeUnit.SECONDS)) {
                c2.destroyForcibly().waitFor();
            }
        }
        // Whatever this test started must be gone, also when it failed half-way.
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

    @Test
    void aRestartAfterKill9StopsTheOrphanedRedisServerAndKeepsTheState() throws Exception {
        startC2();
        ProcessHandle orphan = redisServerOf(c2);
        String missionId = Fixtures.createMission(Fixtures.uploadModule());

        c2.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        c2 = null;
        assertThat(orphan.isAlive()).as("SIGKILL leaves the embedded redis-server running").isTrue();

        startC2();
        ProcessHandle current = redisServerOf(c2);
        assertThat(current.pid()).isNotEqualTo(orphan.pid());
        assertThat(orphan.onExit().get(20, TimeUnit.SECONDS).isAlive())
                .as("the orphaned redis-server was stopped").isFalse();
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("id", equalTo(missionId));
        assertThat(Files.readString(logFile)).contains("shutting it down before starting a new one");
    }

    private ProcessHandle redisServerOf(Process process) {
        ProcessHandle redis = process.toHandle().descendants()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("C2 has no redis-server child"));
        redisServers.add(redis);
        return redis;
    }

    private void startC2() throws Exception {
        JarLogin.createAdmin(dataDir);
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.grpc.server.host=127.0.0.1", "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dlockstep.c2.redis.data-dir=" + dataDir,
                "-jar", jar.toString());
        c2 = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        awaitReady();
        JarLogin.logIn();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!c2.isAlive()) {
                throw new AssertionError("C2 exited with " + c2.exitValue() + ":\n" + Files.readString(logFile));
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
        throw new AssertionError("C2 did not become ready:\n" + Files.readString(logFile));
    }
}
