package io.lockstep.c2.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every {@code lockstep.c2.*} setting of the C2 service (see docs/c2.md). */
@ConfigMapping(prefix = "lockstep.c2")
public interface C2Config {

    /** Name this C2 instance reports in Welcome; defaults to a random id chosen at startup. */
    Optional<String> instanceId();

    Redis redis();

    Uploads modules();

    Uploads models();

    Api api();

    Otlp otlp();

    Link link();

    /** Several C2 replicas on one Redis (docs/c2-replicas.md). */
    Replicas replicas();

    Fleet fleet();

    Retention retention();

    Swarm swarm();

    Auth auth();

    /** Commander authentication (docs/c2.md "Commanders, roles and tokens"). */
    interface Auth {
        /** The users file ({@code lockstep user add}); default {@code <data-dir>/users.json}. */
        Optional<Path> usersFile();

        /** PEM (PKCS#8) RSA private key C2 signs its tokens with; default generated into {@code <data-dir>/auth/}. */
        Optional<Path> signingKey();

        /** The {@code iss} of C2's own tokens, checked on every request. */
        @WithDefault("lockstep-c2")
        String issuer();

        /** How long a token from {@code POST /api/v1/auth/login} is valid. */
        @WithDefault("8h")
        Duration tokenLifetime();

        /** Largest login request body in bytes. */
        @WithDefault("4096")
        int maxLoginBytes();

        Oidc oidc();

        /** Failed-login backoff ({@link io.lockstep.c2.auth.LoginThrottle}, docs/c2-security.md). */
        LoginThrottle loginThrottle();

        interface LoginThrottle {
            /** Failed logins in a row for one user name before it is locked. */
            @WithDefault("5")
            int maxFailures();

            /** Failed logins in a row from one client address (any names) before it is locked. */
            @WithDefault("20")
            int maxFailuresPerAddress();

            /** The first lock; each further failure doubles it. */
            @WithDefault("1s")
            Duration baseDelay();

            /** The longest lock. */
            @WithDefault("15m")
            Duration maxDelay();
        }

        /**
         * An external OpenID Connect provider. With {@code public-key-location} set, C2 verifies the
         * provider's tokens (signature against its JWKS, issuer) instead of its own and its login is off.
         */
        interface Oidc {
            /** The provider's JWKS URL (or a PEM/JWK file): e.g. {@code https://idp/realms/x/protocol/openid-connect/certs}. */
            Optional<String> publicKeyLocation();

            /** The provider's issuer ({@code iss}), required with {@link #publicKeyLocation()}. */
            Optional<String> issuer();

            /** Optional audience ({@code aud}) the tokens must name. */
            Optional<String> audience();

            /** Claim holding the roles, a path such as {@code realm_access/roles}. */
            @WithDefault("groups")
            String rolesClaim();
        }
    }

    /** Mission signing: the Ed25519 key C2 signs every assignment with (docs/mission-approval.md). */
    Signing signing();

    /** Simulation first: dispatch only approved, successfully simulated mission bytes (docs/mission-approval.md). */
    Approval approval();

    interface Signing {
        /**
         * PEM file with C2's PRIVATE KEY (PKCS#8 Ed25519) and PUBLIC KEY blocks. Unset: {@code
         * <data-dir>/signing/mission-signing-key.pem}, generated on first start.
         */
        Optional<Path> keyFile();
    }

    interface Approval {
        /** Whether dispatch needs a succeeded simulation and its approvals of the exact mission bytes. */
        @WithDefault("true")
        boolean enabled();

        /** Approvals by different commanders a mission needs unless it asks for more at creation (1..5). */
        @WithDefault("1")
        int requiredApprovals();

        /** Simulations run at once (a bounded pool; one at a time per mission). */
        @WithDefault("1")
        int simulationWorkers();

        /** Simulations waiting for a worker; beyond this a request is answered 503. */
        @WithDefault("16")
        int simulationQueue();

        /** Fleet size simulated when the request names none. */
        @WithDefault("3")
        int defaultNodes();

        /** Cruise speed of the simulated vehicles (m/s). */
        @WithDefault("8")
        double speedMps();

        /**
         * Simulated mission time after which a mission without its own maxTicks counts as not finishing (its
         * agents still running fail the simulation). Mission time, not C2's time: the simulator stops as soon as
         * the agents finish, so only a mission that would never end costs the whole horizon.
         */
        @WithDefault("30m")
        Duration horizon();

        /** World file the simulated vehicles fly in; unset: an open field around the area. */
        Optional<Path> world();
    }

    Lifecycle lifecycle();

    /** Mission lifecycle history and node telemetry history (docs/mission-lifecycle.md). */
    interface Lifecycle {
        /** Transitions kept per mission (a Redis stream trimmed with MAXLEN ~; removed when the mission is archived). */
        @WithDefault("10000")
        int historyMaxEntries();

        /** Telemetry samples kept per node (a Redis stream trimmed with MAXLEN ~), spooled offline ones included. */
        @WithDefault("3600")
        int telemetryMaxSamples();
    }
    /** Journals nodes upload after a mission (docs/journal-upload.md). */
    io.lockstep.c2.journal.JournalSettings journals();

    Enrollment enrollment();

    /** Node enrolment (docs/c2.md): C2 issues node certificates from the fleet CA in {@code ca-dir}. */
    interface Enrollment {
        /** The fleet CA directory ({@code lockstep fleet init}); enrolment is off without it. */
        Optional<Path> caDir();

        /** How long a token issued through the API stays valid unless the request asks for less. */
        @WithDefault("24h")
        Duration tokenTtl();
    }

    Stream stream();

    /** The dashboard's live stream ({@code /api/v1/stream}, docs/dashboard.md). */
    interface Stream {
        /** A client gets each node's telemetry sample at most once per period: at most 1/period a second per node. */
        @WithDefault("100ms")
        Duration framePeriod();

        /**
         * How often the hub looks for what to send. Every round, each client gets the state changes, events and
         * hazards since its last frame, and each node's newest sample once a frame period has passed since it got
         * that node's previous one. Shorter than the frame period so that a sample goes out about as soon as it is
         * due, not up to a whole period later, and a client whose previous frame was still being written is served
         * a round later.
         */
        @WithDefault("20ms")
        Duration roundPeriod();

        /** Heartbeat frames (server time, every node's last-seen time) go out this often. */
        @WithDefault("2s")
        Duration heartbeatInterval();

        /** The hub re-reads every node from Redis this often to catch changes no link message announced. */
        @WithDefault("1s")
        Duration reconcileInterval();

        /** A client whose previous frame is still unwritten after this long is disconnected. */
        @WithDefault("30s")
        Duration stallTimeout();

        /** Most stream clients at once; more are refused with close code 1013 (try again later). */
        @WithDefault("500")
        int maxClients();

        /** Timeline events (state changes, interventions, alerts) kept for new clients. */
        @WithDefault("1000")
        int eventCapacity();
    }

    interface Fleet {
        /**
         * Most node ids C2 registers. A Hello from an id C2 has never seen is refused with
         * RESOURCE_EXHAUSTED once this many are registered; known nodes always reconnect. 0: no limit.
         */
        @WithDefault("1000")
        int maxNodes();

        /**
         * Most nodes one mission is dispatched to; a dispatch listing more is refused with 400. The default is
         * the default fleet size, so one mission can command the whole fleet. 0: no limit.
         */
        @WithDefault("1000")
        int maxNodesPerDispatch();

        /**
         * A connected node that sent nothing for this long counts as out of contact (its mission shares
         * say so); a node whose link is down is out of contact at once.
         */
        @WithDefault("15s")
        Duration contactTimeout();
    }

    interface Retention {
        /** Finished (completed, failed or aborted) missions move from Redis to the archive this long after they finished. */
        @WithDefault("168h")
        Duration finishedMissions();

        /** Modules and models no mission in Redis refers to are deleted this long after their upload. */
        @WithDefault("24h")
        Duration unreferencedBlobs();

        /** How often the retention sweep runs. */
        @WithDefault("10m")
        Duration sweepInterval();
    }

    interface Swarm {
        /** Side of the square cells a mission's area is cut into for the nodes to share (metres). */
        @WithDefault("20")
        double cellSizeM();
    }

    interface Redis {
        /** Where the embedded redis-server keeps its append-only file (used only without quarkus.redis.hosts). */
        @WithDefault("lockstep-c2-data")
        Path dataDir();

        /** Port of the embedded redis-server; 0 picks a free loopback port. */
        @WithDefault("0")
        int port();

        /**
         * Most connections in the Redis client's pool. Requests beyond it wait in the pool's queue
         * ({@link #maxWaiting()}); mirrored into quarkus.redis.max-pool-size by application.properties.
         */
        @WithDefault("32")
        int maxPoolSize();

        /** Most requests waiting for a pooled connection; past it C2 answers 503 with Retry-After. */
        @WithDefault("2048")
        int maxWaiting();
    }

    /**
     * C2's own files: module and model bytes ({@code <data-dir>/blobs}) and archived missions
     * ({@code <data-dir>/archive}). Defaults to the embedded Redis data directory.
     */
    Optional<Path> dataDir();

    /** The directory C2 keeps its files in: {@link #dataDir()} or else the embedded Redis data directory. */
    default Path files() {
        return dataDir().orElse(redis().dataDir()).toAbsolutePath().normalize();
    }

    interface Uploads {
        /** Largest accepted upload in bytes. */
        long maxBytes();
    }

    interface Link {
        /** How long a new link stream may stay silent before its Hello; then it is closed. */
        @WithDefault("10s")
        Duration helloTimeout();

        /**
         * How often C2 pings a node's connection when nothing else is received; with {@link #keepaliveTimeout()}
         * this bounds how long a frozen node or a half-open TCP connection still counts as CONNECTED.
         * grpc-java raises anything below 10 s to 10 s.
         */
        @WithDefault("30s")
        Duration keepaliveTime();

        /** How long C2 waits for the answer to its ping before it closes the connection. */
        @WithDefault("10s")
        Duration keepaliveTimeout();

        /**
         * The most frequent client pings C2 tolerates. Pinging more often earns a GOAWAY
         * (ENHANCE_YOUR_CALM, too_many_pings). 10s is grpc-java's smallest client keepalive time, so no
         * grpc-java client, the node included, can ping too often.
         */
        @WithDefault("10s")
        Duration permitKeepaliveTime();

        /**
         * A connection without any open stream for this long is closed (a node always has its link stream open).
         * This is also what closes a frozen node's socket: a failed keepalive resets its stream, but grpc-java
         * leaves the TCP connection open until this idle rule fires.
         */
        @WithDefault("30s")
        Duration maxConnectionIdle();

        /**
         * HTTP/2 flow-control window of each link stream (and of each connection), bytes, fixed: grpc-java's
         * automatic tuning is off. It bounds what a node has in flight towards C2 that C2 has not read yet. With
         * grpc-java's default (1 MiB, tuned upwards) a node's live samples queued there by the ten thousand when
         * C2 fell behind, each read only after all older ones (docs/dashboard.md). Larger messages still pass
         * (they flow through the window in pieces); a node's upload rate is at most this window per round trip.
         */
        @WithDefault("16384")
        int flowControlWindowBytes();

        /**
         * Live-sample credit window, samples (0..64; 0: off): a node that asks for credit in its Hello may have at
         * most this many live telemetry samples sent and not yet processed by C2; C2 returns credit in batches of
         * half the window as it processes them. Bounds the age of the sample C2 reads to about window / (C2's
         * per-node read rate), independently of the flow-control window (docs/dashboard.md, docs/wire-contracts.md).
         */
        @WithDefault("4")
        int liveCredit();

        /**
         * C2-wide bound on live samples in flight, samples (0: none, each node only has its window): the credit all
         * nodes hold or have spent on samples C2 has not processed yet. Used credit goes back to a node only while
         * the pool has room, nodes taking turns. A sample waits in C2 about pool / C2's read rate (Little's law), so
         * this, not nodes x window, sets the latency once C2 is the bottleneck (docs/dashboard.md).
         */
        @WithDefault("256")
        int liveCreditPool();

        /** Credit a node holds without using it for this long stops counting in the pool until it uses it. */
        @WithDefault("1s")
        Duration liveCreditIdleAfter();
    }

    interface Otlp {
        /**
         * OTLP/gRPC collector for C2's spans, or "off" (the default): spans are then recorded but not
         * exported. Read by {@link io.lockstep.c2.trace.DiscardingSpanExporter}.
         */
        @WithDefault("off")
        String endpoint();
    }

    interface Api {
        /** Largest accepted JSON request body in bytes. */
        @WithDefault("1048576")
        long maxJsonBytes();
    }

    interface Replicas {
        /** How long a replica's claim on a node's link lasts unless renewed; a dead replica's claims expire after it. */
        @WithDefault("15s")
        Duration linkLease();

        /** Lease of a lock shared by the replicas (a holder that dies releases it after this). */
        @WithDefault("10s")
        Duration lockLease();

        /** How long a request waits for a shared lock before it is answered 503 with Retry-After. */
        @WithDefault("10s")
        Duration lockWait();

        /**
         * How often the replica holding a node's link checks Redis for commands queued through other replicas;
         * pub/sub delivers them at once, this catches any notice lost while pub/sub was down.
         */
        @WithDefault("1s")
        Duration commandSweep();
    }
}
