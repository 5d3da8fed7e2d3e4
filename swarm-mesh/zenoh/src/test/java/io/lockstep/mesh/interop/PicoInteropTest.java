package io.lockstep.mesh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.GetOptions;
import io.lockstep.mesh.api.LivelinessToken;
import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Query;
import io.lockstep.mesh.api.Reply;
import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lockstep against real zenoh-pico 1.9.0 example programs, each side in turn listening and connecting. Runs only
 * when ZENOH_PICO_EXAMPLES points at a directory of built pico examples (z_pub, z_sub, ...).
 */
@EnabledIfEnvironmentVariable(named = "ZENOH_PICO_EXAMPLES", matches = ".+")
class PicoInteropTest {
    private static final Path EXAMPLES = Path.of(System.getenv().getOrDefault("ZENOH_PICO_EXAMPLES", "."));
    private static final long WAIT = PicoWaits.WAIT_SECONDS;

    /** Java listens and pico connects ({@code javaListens}), or the other way round. */
    private static Session java(boolean javaListens, String endpoint) throws IOException {
        Config c = Config.peer().reconnectBackoff(100, 500);
        return Zenoh.open(javaListens ? c.listen(endpoint) : c.connect(endpoint));
    }

    private static String[] picoArgs(boolean javaListens, String endpoint, String... extra) {
        String[] base = {"-m", "peer", javaListens ? "-e" : "-l", endpoint};
        String[] out = new String[base.length + extra.length];
        System.arraycopy(extra, 0, out, 0, extra.length);
        System.arraycopy(base, 0, out, extra.length, base.length);
        return out;
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void picoPublishesJavaSubscribes(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        LinkedBlockingQueue<Sample> got = new LinkedBlockingQueue<>();
        PicoProcess pico = null;
        Session s = null;
        try {
            if (javaListens) {
                s = java(true, ep);
                s.declareSubscriber("demo/**", got::add);
                pico = PicoProcess.start(EXAMPLES, "z_pub", picoArgs(true, ep, "-k", "demo/example/pico", "-v", "hello", "-n", "4"));
            } else {
                pico = PicoProcess.start(EXAMPLES, "z_pub", picoArgs(false, ep, "-k", "demo/example/pico", "-v", "hello", "-n", "4"));
                pico.await("Declaring publisher", WAIT);
                s = java(false, ep);
                s.declareSubscriber("demo/**", got::add);
            }
            Sample last = null;
            for (int i = 0; i < 4 && (last == null || !last.payloadAsString().startsWith("[   3]")); i++) {
                last = got.poll(WAIT, TimeUnit.SECONDS);
                assertTrue(last != null, "no sample from pico");
                assertEquals("demo/example/pico", last.keyExpr());
                assertTrue(last.payloadAsString().endsWith("] hello"), last.payloadAsString());
            }
            assertEquals("[   3] hello", last.payloadAsString());
        } finally {
            if (pico != null) {
                pico.close();
            }
            if (s != null) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void javaPublishesPicoSubscribes(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        Session s = javaListens ? java(true, ep) : null;
        try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_sub", picoArgs(javaListens, ep, "-k", "demo/**", "-n", "3"))) {
            if (!javaListens) {
                pico.await("Declaring Subscriber", WAIT);
                s = java(false, ep);
            }
            PicoWaits.awaitPeer(s);
            Publisher pub = s.declarePublisher("demo/example/java", PutOptions.DEFAULT);
            PicoWaits.awaitSubscriber(pub);
            for (int i = 0; i < 3; i++) {
                pub.put("msg " + i);
            }
            for (int i = 0; i < 3; i++) {
                pico.await(">> [Subscriber] Received ('demo/example/java': 'msg " + i + "')", WAIT);
            }
            assertTrue(pico.waitExit(WAIT), "z_sub -n 3 should exit after three samples");
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void picoGetsFromJavaQueryable() throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        try (Session s = java(true, ep)) {
            LinkedBlockingQueue<String> asked = new LinkedBlockingQueue<>();
            s.declareQueryable("demo/example/q", q -> {
                asked.add(q.payloadAsString());
                q.reply("demo/example/q", "answer");
            });
            try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_get", picoArgs(true, ep, "-k", "demo/example/**", "-v", "ask"))) {
                pico.await(">> Received PUT ('demo/example/q': 'answer')", WAIT);
                pico.await(">> Received query final notification", WAIT);
                assertEquals("ask", asked.poll(WAIT, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * pico asks, Lockstep answers, in both set-ups. z_get cannot do this while it listens: it sends its one query
     * right after opening, before any peer can have completed a handshake with it (see docs/zenoh.md). z_querier
     * queries once a second through a querier whose write filter lets a query out only once a peer has declared a
     * matching queryable, so a late connection gets the next query. Without {@code -v}: 1.9.0's z_querier crashes (SIGSEGV) with it,
     * because its payload is declared inside an if block and used after it; the parameters carry the data instead.
     */
    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void picoQuerierGetsFromJavaQueryable(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        LinkedBlockingQueue<Query> asked = new LinkedBlockingQueue<>();
        // Connecting, the session starts before pico listens and keeps retrying until pico accepts it.
        try (Session s = java(javaListens, ep)) {
            s.declareQueryable("demo/example/q", q -> {
                asked.add(q);
                q.reply("demo/example/q", "answer to " + q.parameters());
            });
            try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_querier",
                    picoArgs(javaListens, ep, "-s", "demo/example/**?x=1", "-n", Long.toString(WAIT)))) {
                pico.await(">> Received ('demo/example/q': 'answer to x=1')", WAIT);
                Query query = asked.poll(WAIT, TimeUnit.SECONDS);
                assertTrue(query != null, "the queryable was never asked");
                assertEquals("demo/example/**", query.keyExpr());
                assertEquals("x=1", query.parameters());
                assertNull(query.payload(), "z_querier without -v sends no value");
                assertEquals(1, s.peers().size(), "peers: " + s.peers());
            }
        }
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void javaGetsFromPicoQueryable(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        Session s = javaListens ? java(true, ep) : null;
        try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_queryable",
                picoArgs(javaListens, ep, "-k", "demo/example/zenoh-pico-queryable", "-v", "from pico"))) {
            pico.await("Creating Queryable", WAIT);
            if (!javaListens) {
                s = java(false, ep);
            }
            PicoWaits.awaitPeer(s);
            List<Reply> replies = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
            while (replies.isEmpty() && System.nanoTime() < deadline) {
                replies = s.getAll("demo/example/**", GetOptions.DEFAULT.withTimeout(Duration.ofSeconds(5))
                        .withPayload("question".getBytes()));
            }
            assertEquals(1, replies.size(), "replies: " + replies);
            assertTrue(replies.get(0).isOk());
            assertEquals("from pico", replies.get(0).sample().payloadAsString());
            pico.await(">> [Queryable handler] Received Query 'demo/example/**'", WAIT);
            pico.await("with value 'question'", WAIT);
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void picoTokenSeenByJava(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        LinkedBlockingQueue<Sample> events = new LinkedBlockingQueue<>();
        Session s = null;
        PicoProcess pico = null;
        try {
            if (javaListens) {
                s = java(true, ep);
                s.liveliness().declareSubscriber("group1/**", true, events::add);
                pico = PicoProcess.start(EXAMPLES, "z_liveliness", picoArgs(true, ep, "-k", "group1/node7"));
            } else {
                pico = PicoProcess.start(EXAMPLES, "z_liveliness", picoArgs(false, ep, "-k", "group1/node7"));
                pico.await("Declaring liveliness token", WAIT);
                s = java(false, ep);
                s.liveliness().declareSubscriber("group1/**", true, events::add);
            }
            Sample alive = events.poll(WAIT, TimeUnit.SECONDS);
            assertTrue(alive != null, "token never seen");
            assertEquals("group1/node7", alive.keyExpr());
            assertEquals(SampleKind.PUT, alive.kind());
            List<Sample> viaGet = s.liveliness().getAll("group1/**", Duration.ofSeconds(5));
            assertEquals(List.of("group1/node7"), viaGet.stream().map(Sample::keyExpr).toList());
            pico.kill();
            Sample gone = events.poll(WAIT, TimeUnit.SECONDS);
            assertTrue(gone != null, "token never dropped after pico was killed");
            assertEquals(SampleKind.DELETE, gone.kind());
            assertEquals("group1/node7", gone.keyExpr());
        } finally {
            if (pico != null) {
                pico.close();
            }
            if (s != null) {
                s.close();
            }
        }
    }

    /**
     * Listening, Java declares its token before pico connects; the token may then reach pico before pico's
     * subscriber exists, so pico subscribes with history ({@code -h}) and must report it either way. Connecting,
     * Java declares its token after pico's subscriber is up, which pico reports as a new token.
     */
    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void javaTokenSeenByPico(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        Session s = javaListens ? java(true, ep) : null;
        LivelinessToken token = javaListens ? s.liveliness().declareToken("group1/java") : null;
        String[] args = javaListens ? picoArgs(true, ep, "-k", "group1/**", "-h") : picoArgs(false, ep, "-k", "group1/**");
        try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_sub_liveliness", args)) {
            if (!javaListens) {
                pico.await("Declaring liveliness subscriber", WAIT);
                s = java(false, ep);
                token = s.liveliness().declareToken("group1/java");
            }
            pico.await(">> [LivelinessSubscriber] New alive token ('group1/java')", WAIT);
            token.close();
            pico.await(">> [LivelinessSubscriber] Dropped token ('group1/java')", WAIT);
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void picoLivelinessGetSeesJavaToken() throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        try (Session s = java(true, ep)) {
            s.liveliness().declareToken("group1/java");
            try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_get_liveliness", picoArgs(true, ep, "-k", "group1/**"))) {
                pico.await(">> Alive token ('group1/java')", WAIT);
            }
        }
    }

    /** Above zenoh-pico's 2048-byte batch and below its 4096-byte reassembly limit (Z_FRAG_MAX_SIZE). */
    private static final int FRAGMENTED = 3000;

    @ParameterizedTest(name = "java listens: {0}")
    @ValueSource(booleans = {true, false})
    void javaFragmentsAreReassembledByPico(boolean javaListens) throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        Session s = javaListens ? java(true, ep) : null;
        try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_sub", picoArgs(javaListens, ep, "-k", "big/**", "-n", "1"))) {
            if (!javaListens) {
                pico.await("Declaring Subscriber", WAIT);
                s = java(false, ep);
            }
            PicoWaits.awaitPeer(s);
            Publisher pub = s.declarePublisher("big/java", PutOptions.DEFAULT);
            PicoWaits.awaitSubscriber(pub);
            String value = "z".repeat(FRAGMENTED);
            pub.put(value);
            pico.await(">> [Subscriber] Received ('big/java': '" + value + "')", WAIT);
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void picoFragmentsAreReassembledByJava() throws Exception {
        String ep = PicoWaits.freeEndpoint("tcp");
        LinkedBlockingQueue<Sample> got = new LinkedBlockingQueue<>();
        try (Session s = java(true, ep)) {
            s.declareSubscriber("thr", got::add);
            try (PicoProcess pico = PicoProcess.start(EXAMPLES, "z_pub_thr",
                    picoArgs(true, ep, "-s", Integer.toString(FRAGMENTED)))) {
                Sample sample = got.poll(WAIT, TimeUnit.SECONDS);
                assertTrue(sample != null, "no sample from z_pub_thr");
                byte[] payload = sample.payload();
                assertEquals(FRAGMENTED, payload.length);
                for (int i = 0; i < payload.length; i++) {
                    assertEquals(1, payload[i], "byte " + i + " (z_pub_thr fills its payload with 0x01)");
                }
            }
        }
    }
}
