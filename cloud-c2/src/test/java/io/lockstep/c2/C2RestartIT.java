package io.lockstep.c2;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.JarLogin;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.NodeMissionState;
import io.lockstep.proto.v1.StatusUpdate;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged C2 ({@code java -jar target/quarkus-app/quarkus-run.jar}) twice on the same data
 * directory: missions, node sequence numbers and unacknowledged commands survive the restart, and a
 * reconnecting node picks up where it left off.
 */
class C2RestartIT {

    private Path dataDir;
    private Path logFile;
    private Process c2;
    private int httpPort;
    private int grpcPort;

    @BeforeEach
    void prepare() throws IOException {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "c2-restart-");
        logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        httpPort = C2TestResources.freePort();
        grpcPort = C2TestResources.freePort();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = httpPort;
    }

    @AfterEach
    void cleanUp() throws Exception {
        stopC2();
        RestAssured.reset();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.deleteIfExists(logFile);
    }

    @Test
    void stateSurvivesARestartAndTheNodeResumes() throws Exception {
        String nodeId = Fixtures.uniqueId("restart-node");
        startC2();
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        long assignSeq;
        try (FakeEdgeNode node = FakeEdgeNode.connect(grpcPort)) {
            node.hello(nodeId);
            given().contentType(ContentType.JSON).body("{\"nodes\": [\"" + nodeId + "\"]}")
                    .when().post("/api/v1/missions/" + missionId + "/dispatch").then().statusCode(202);
            assignSeq = node.await(C2ToEdge::hasAssign).getCommandSeq();
            node.send(EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder().setMissionId(missionId)
                    .setState(NodeMissionState.RUNNING).setTick(7)).build());
            assertThat(node.await(C2ToEdge::hasStatusAck).getStatusAck().getSeq()).isEqualTo(1);
        }
        stopC2();

        startC2();
        given().when().get("/api/v1/missions/" + missionId).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"))
                .body("nodes[0].nodeId", equalTo(nodeId))
                .body("nodes[0].tick", equalTo(7));
        given().when().get("/api/v1/nodes/" + nodeId).then().statusCode(200)
                .body("linkState", equalTo("DISCONNECTED"));
        try (FakeEdgeNode node = FakeEdgeNode.connect(grpcPort)) {
            C2ToEdge welcome = node.hello(nodeId);
            assertThat(welcome.getWelcome().getLastReceivedSeq()).isEqualTo(1);
            C2ToEdge redelivered = node.await(m -> m.getCommandSeq() > 0);
            assertThat(redelivered.hasAssign()).isTrue();
            assertThat(redelivered.getCommandSeq()).isEqualTo(assignSeq);
        }
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
                // this test is about restarts; simulation first is covered by SimulationApprovalTest
                "-Dlockstep.c2.approval.enabled=false",
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

    private void stopC2() throws Exception {
        if (c2 == null) {
            return;
        }
        c2.destroy();
        if (!c2.waitFor(30, TimeUnit.SECONDS)) {
            c2.destroyForcibly().waitFor();
        }
        c2 = null;
    }
}
