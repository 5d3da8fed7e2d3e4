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
        this.httpPort = FreePort.pick();
        this.grpcPort = FreePort.pick();
        this.dataDir = outDir.resolve("c2").toAbsolutePath();
        this.commander = FleetCommander.create(dataDir);
        List<String> properties = new ArrayList<>(List.of(
                "-Dlockstep.c2.data-dir=" + dataDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.grpc.server.host=127.0.0.1",
                "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dquarkus.redis.hosts=" + redisUri));
        properties.addAll(linkProperties);
        this.process = new ManagedProcess("c2", home.c2Jar(), properties, "384m", outDir.resolve("logs").resolve("c2.log"));
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
