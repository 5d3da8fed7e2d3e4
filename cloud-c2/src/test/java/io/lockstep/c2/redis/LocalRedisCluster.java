package io.lockstep.c2.redis;

import io.lockstep.c2.support.C2TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * A Redis Cluster of three masters on loopback, made of the {@code redis-server} binary shipped in embedded-redis
 * (the one C2 starts in embedded mode). The slots are split in three with {@code CLUSTER ADDSLOTS} and the nodes
 * introduced with {@code CLUSTER MEET}, over plain RESP; {@link #close()} stops every process and deletes the
 * directories.
 */
public final class LocalRedisCluster implements AutoCloseable {

    static final int SLOTS = 16384;
    private static final int MASTERS = 3;
    private static final long FORM_TIMEOUT_MS = 30_000;

    private final Path dir;
    private final List<RedisServer> servers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private LocalRedisCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts three masters under a fresh directory in target/ and waits until the cluster says {@code ok}. */
    public static LocalRedisCluster start() {
        LocalRedisCluster cluster;
        try {
            cluster = new LocalRedisCluster(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.form();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("Could not form a local Redis Cluster", e);
        }
    }

    private void form() throws IOException, InterruptedException {
        for (int i = 0; i < MASTERS; i++) {
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + i));
            int port = portWithFreeBusPort();
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir \"" + nodeDir + "\"")
                    .setting("cluster-enabled yes")
                    .setting("cluster-config-file nodes.conf")
                    .setting("cluster-node-timeout 5000")
                    .setting("appendonly no")
                    .setting("save \"\"")
                    .build();
            servers.add(server);
            server.start();
            ports.add(port);
        }
        for (int i = 0; i < MASTERS; i++) {
            int from = SLOTS * i / MASTERS;
            int to = SLOTS * (i + 1) / MASTERS;
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot < to; slot++) {
                command.add(Integer.toString(slot));
            }
            expectOk(ports.get(i), command.toArray(String[]::new));
        }
        for (int i = 1; i < MASTERS; i++) {
            expectOk(ports.get(0), "CLUSTER", "MEET", "127.0.0.1", Integer.toString(ports.get(i)));
        }
        awaitFormed();
    }

    /** Every node answers {@code cluster_state:ok} and knows all masters. */
    private void awaitFormed() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + FORM_TIMEOUT_MS;
        while (true) {
            boolean formed = true;
            for (int port : ports) {
                String info = info(port);
                formed &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS);
            }
            if (formed) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the cluster did not form within " + FORM_TIMEOUT_MS + " ms: " + info(ports.get(0)));
            }
            Thread.sleep(100);
        }
    }

    /** The whole {@code CLUSTER INFO} text of one node. */
    static String info(int port) throws IOException {
        try (RespClient client = new RespClient(port)) {
            return client.bulk("CLUSTER", "INFO");
        }
    }

    private static void expectOk(int port, String... command) throws IOException {
        try (RespClient client = new RespClient(port)) {
            String answer = client.command(command);
            if (!answer.equals("+OK")) {
                throw new IllegalStateException(String.join(" ", List.of(command).subList(0, 2)) + " on " + port
                        + " answered " + answer);
            }
        }
    }

    /** A loopback port whose cluster bus port (port + 10000) is free too. */
    private static int portWithFreeBusPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = C2TestResources.freePort();
            if (port + 10_000 > 65_535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no loopback port with a free cluster bus port");
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** {@code redis://127.0.0.1:<port>} of every master, comma-separated, for {@code quarkus.redis.hosts}. */
    public String hosts() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** How many masters hold at least one key. */
    public long mastersWithKeys() throws IOException {
        long count = 0;
        for (int port : ports) {
            try (RespClient client = new RespClient(port)) {
                count += client.command("DBSIZE").equals(":0") ? 0 : 1;
            }
        }
        return count;
    }

    /** Every process that is still running (none after {@link #close()}). */
    public long running() {
        return servers.stream().filter(RedisServer::isActive).count();
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            try {
                if (server.isActive()) {
                    server.stop();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
