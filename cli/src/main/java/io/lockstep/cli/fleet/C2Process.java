package io.lockstep.cli.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The C2 service JVM, pointed at an external Redis so that it can be restarted without losing state. */
public final class C2Process implements AutoCloseable {
    private final int httpPort;
    private final int grpcPort;
    private final ManagedProcess process;
    private final Path dataDir;
    private final FleetCommander commander;
    private C2Api api;

    C2Process(LockstepHome home, String redisUri, List<String> linkProperties, Path outDir) {
        this(home, redisUri, linkProperties, outDir.resolve("c2").toAbsolutePath(), null, "c2",
                outDir.resolve("logs").resolve("c2.log"));
    }

    /**
     * One of several C2 replicas on one Redis, sharing {@code dataDir} (users file, keys, module blobs) and the
     * commander of the first one ({@code shareCommanderOf}, null for the first).
     */
    static C2Process replica(LockstepHome home, String redisUri, List<String> properties, Path dataDir,
            C2Process shareCommanderOf, String name, Path log) {
        return new C2Process(home, redisUri, properties, dataDir, shareCommanderOf, name, log);
    }

    private C2Process(LockstepHome home, String redisUri, List<String> linkProperties, Path dataDir,
            C2Process shareCommanderOf, String name, Path log) {
        this.httpPort = FreePort.pick();
        this.grpcPort = FreePort.pick();
        this.dataDir = dataDir;
        this.commander = shareCommanderOf == null ? FleetCommander.create(dataDir) : shareCommanderOf.commander;
        List<String> properties = new ArrayList<>(List.of(
                "-Dlockstep.c2.data-dir=" + dataDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.grpc.server.host=127.0.0.1",
                "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dquarkus.redis.hosts=" + redisUri));
        properties.addAll(linkProperties);
        this.process = new ManagedProcess(name, home.c2Jar(), properties, "384m", log);
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** The API as the fleet's commander (an admin, so it may also upload modules and models), logged in once. */
    public synchronized C2Api api() {
        if (api == null) {
            api = new C2Api(httpPort, commander.credentials());
        }
        return api;
    }

    /** The fleet commander's login (an admin), for a person to use the dashboard. */
    public C2Credentials credentials() {
        return commander.credentials();
    }

    /**
     * Adds (or replaces) a user in this C2's users file; C2 reads it at every login, so it takes effect
     * without a restart. For tests and benchmarks that act as other roles.
     */
    public C2Credentials addUser(String name, io.lockstep.c2.security.Role role, String password) {
        new io.lockstep.c2.security.users.UsersFile(dataDir.resolve("users.json")).put(name, role, password.toCharArray());
        return new C2Credentials(name, password);
    }

    /** C2's own files: the users file, the token signing key. */
    public Path dataDir() {
        return dataDir;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Starts C2 and waits until it is ready. */
    void start(Duration timeout) {
        process.start();
        process.awaitHttpOk("http://127.0.0.1:" + httpPort + "/q/health/ready", timeout);
    }

    /** Stops C2 (gracefully, or with SIGKILL) and starts it again on the same ports and Redis. */
    public void restart(boolean kill, Duration timeout) {
        if (kill) {
            process.kill();
        } else {
            process.stop();
        }
        start(timeout);
    }

    @Override
    public void close() {
        process.stop();
    }
}
