package io.lockstep.cli.zenoh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The zenoh example commands and the mesh benchmark, run in-process. */
class ZenohCommandTest {

    private static String run(Object command, String... args) {
        PrintStream previous = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(command).execute(args);
            assertEquals(0, code, "exit code of " + String.join(" ", args));
        } finally {
            System.setOut(previous);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void getPrintsTheRepliesOfAQueryable() throws Exception {
        try (Session peer = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"))) {
            peer.declareQueryable("demo/example/q", q -> q.reply("demo/example/q", "answer"));
            String out = run(new ZenohCommand(), "get", "-e", peer.listenEndpoints().get(0), "-k", "demo/example/**",
                    "-o", "5000");
            assertTrue(out.contains("Sending Query 'demo/example/**'..."), out);
            assertTrue(out.contains(">> Received ('demo/example/q': 'answer')"), out);
            assertTrue(out.contains(">> Received query final notification"), out);
        }
    }

    @Test
    void putReachesASubscriberCommand() throws Exception {
        try (Session listener = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"))) {
            String ep = listener.listenEndpoints().get(0);
            CompletableFuture<String> sub = CompletableFuture.supplyAsync(
                    () -> run(new ZenohCommand(), "sub", "-e", ep, "-k", "demo/**", "-n", "1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (listener.peers().isEmpty() || !listener.declarePublisher("demo/x",
                    io.lockstep.mesh.api.PutOptions.DEFAULT).hasMatchingSubscribers()) {
                assertTrue(System.nanoTime() < deadline, "sub command never subscribed");
                Thread.sleep(20);
            }
            listener.put("demo/x", "hello");
            String out = sub.get(30, TimeUnit.SECONDS);
            assertTrue(out.contains(">> [Subscriber] Received PUT ('demo/x': 'hello')"), out);
        }
    }

    @Test
    void benchMeshWritesTheReport(@TempDir Path dir) throws Exception {
        String out = run(new BenchMeshCommand(), "--quick", "--out", dir.toString());
        assertTrue(out.contains("throughput 64 B (msg/s)"), out);
        String json = Files.readString(dir.resolve("mesh.json"));
        for (String key : new String[] {"\"throughput_msgs_per_s\"", "\"8\"", "\"64\"", "\"1024\"", "\"65536\"",
                "\"rtt_us\"", "\"p50\"", "\"p99\"", "\"reference\""}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
    }
}
