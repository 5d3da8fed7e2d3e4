package io.lockstep.edge.app;

import static io.lockstep.edge.testing.FakeC2.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.testing.FakeC2;
import io.lockstep.edge.testing.Missions;
import io.lockstep.edge.testing.RawGet;
import io.lockstep.edge.testing.WasmAgents;
import io.lockstep.proto.v1.AgentSpec;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.LinkLossPolicy;
import io.lockstep.proto.v1.NodeMissionState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application, launched the way the CLI launches it ({@code java -D... -jar quarkus-run.jar}):
 * it connects to C2, runs a mission, is killed with SIGKILL, and resumes the mission after a restart.
 */
class NodeJarIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process launch(int c2Port, int debugPort, Path data, String log) throws IOException {
        Path jar = Path.of(System.getProperty("lockstep.node.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), "package the application first: " + jar);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlockstep.node.id=node-1", "-Dlockstep.node.c2.host=127.0.0.1",
                "-Dlockstep.node.c2.port=" + c2Port, "-Dlockstep.node.data-dir=" + data,
                "-Dlockstep.node.start-x=10", "-Dlockstep.node.start-y=10", "-Dlockstep.node.c2.heartbeat-ms=100",
                "-Dlockstep.node.snapshot-every=50", "-Dquarkus.http.port=" + debugPort,
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private JsonNode status(int debugPort) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + debugPort + "/debug/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long heartbeatTick(FakeC2 c2) {
        return c2.received(EdgeToC2::hasHeartbeat).stream().mapToLong(m -> m.getHeartbeat().getTick()).max()
                .orElse(0);
    }

    @Test
    void thePackagedNodeRunsAMissionSurvivesKillDashNineAndResumesIt() throws Exception {
        Path data = dir.resolve("data");
        try (FakeC2 c2 = new FakeC2()) {
            int debugPort = freePort();
            Process first = launch(c2.port(), debugPort, data, "first.log");
            try {
                await("debug port up", () -> status(debugPort) != null);
                assertEquals("node-1", status(debugPort).path("nodeId").asText());
                // NodeMain hands the URI check to the debug port's route: a problem, not Quarkus' empty 400
                RawGet invalidUri = RawGet.send(new URL("http://127.0.0.1:" + debugPort), "/debug/v1/%zz");
                assertEquals(400, invalidUri.status());
                assertTrue(invalidUri.body().contains("urn:lockstep:problem:invalid-uri"), invalidUri.body());
                await("connected to C2", () -> "CONNECTED".equals(status(debugPort).path("linkState").asText()));
                byte[] wasm = WasmAgents.idle(0);
                c2.offerBlob(BlobCache.sha256Hex(wasm), wasm);
                AgentSpec agent = Missions.agent("worker", wasm);
                c2.command(C2ToEdge.newBuilder().setAssign(AssignMission.newBuilder().setAssignment(
                        Missions.assignment("m-jar", "node-1", 40, 20, LinkLossPolicy.CONTINUE, 0, agent))));
                await("running past a snapshot", () -> heartbeatTick(c2) >= 120);
                JsonNode running = status(debugPort);
                assertEquals("RUNNING", running.path("missionState").asText());
                assertTrue(Files.isRegularFile(Path.of(running.path("journal").asText())));
            } finally {
                first.destroyForcibly();
                first.waitFor(30, TimeUnit.SECONDS);
            }
            long before = heartbeatTick(c2);

            int debugPort2 = freePort();
            Process second = launch(c2.port(), debugPort2, data, "second.log");
            try {
                await("resumed", () -> c2.statuses().stream().anyMatch(s -> s.getDetail().startsWith("resumed")
                        && s.getState() == NodeMissionState.RUNNING));
                await("ticking past the crash", () -> {
                    JsonNode s = status(debugPort2);
                    return s != null && s.path("tick").asLong() > before + 10;
                });
                List<Long> seqs = c2.stored().stream().map(EdgeToC2::getSeq).toList();
                assertEquals(LongStream.rangeClosed(1, c2.lastStoredSeq()).boxed().toList(), seqs);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                if (second.isAlive()) {
                    second.destroyForcibly();
                }
            }
        }
    }
}
