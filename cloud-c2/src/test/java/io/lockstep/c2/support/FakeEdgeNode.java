package io.lockstep.c2.support;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.NodeCapabilities;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A scripted edge node for tests: a plain grpc-java stub on one EdgeLink stream that records what C2
 * sends. Waits are bounded only so a broken C2 fails the test instead of hanging it.
 */
public final class FakeEdgeNode implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final BlockingQueue<C2ToEdge> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final StreamObserver<EdgeToC2> outbound;

    private FakeEdgeNode(ManagedChannel channel) {
        this.channel = channel;
        this.outbound = EdgeLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(C2ToEdge message) {
                received.add(message);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    /** Opens a plaintext stream to the C2 under test. */
    public static FakeEdgeNode connect() {
        return connect(grpcPort());
    }

    /** Opens a plaintext stream to a C2 listening on {@code port} of the loopback interface. */
    public static FakeEdgeNode connect(int port) {
        return new FakeEdgeNode(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    /** Opens a TLS stream with the given client context (which may or may not present a certificate). */
    public static FakeEdgeNode connectTls(SslContext tls) {
        return new FakeEdgeNode(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort()).sslContext(tls)
                .overrideAuthority("localhost").build());
    }

    public static int grpcPort() {
        return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    }

    /** Every ABI v1 host function, as a real node advertises them (dispatch matches agents' grants against them). */
    public static final java.util.List<String> ALL_HOST_FUNCTIONS = java.util.List.of("log", "rand_u64", "progress",
            "area_vertices", "kv_get", "kv_put", "sensor_read", "act_velocity", "emit", "infer");

    public static EdgeToC2 hello(String nodeId, long lastAppliedCommandSeq) {
        return hello(nodeId, lastAppliedCommandSeq, NodeCapabilities.newBuilder().addAllHostFunctions(ALL_HOST_FUNCTIONS)
                .setMaxAgents(4).setVehicleKind("quadcopter").build());
    }

    public static EdgeToC2 hello(String nodeId, long lastAppliedCommandSeq, NodeCapabilities capabilities) {
        return EdgeToC2.newBuilder().setHello(Hello.newBuilder()
                .setNodeId(nodeId)
                .setSoftwareVersion("fake-edge 1.0")
                .setAbiVersion(1)
                .setLastAppliedCommandSeq(lastAppliedCommandSeq)
                .setCapabilities(capabilities))
                .build();
    }

    public void send(EdgeToC2 message) {
        outbound.onNext(message);
    }

    /** Says Hello and returns C2's Welcome. */
    public C2ToEdge hello(String nodeId) throws InterruptedException {
        send(hello(nodeId, 0));
        return await(C2ToEdge::hasWelcome);
    }

    /** The next message matching {@code wanted}; earlier non-matching messages are kept for later calls. */
    public C2ToEdge await(Predicate<C2ToEdge> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<C2ToEdge> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                C2ToEdge message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("C2 sent no matching message; ended=" + ended.getNow(null)
                            + ", other messages=" + skipped);
                }
                if (wanted.test(message)) {
                    return message;
                }
                skipped.add(message);
            }
        } finally {
            List<C2ToEdge> rest = new ArrayList<>();
            received.drainTo(rest);
            received.addAll(skipped);
            received.addAll(rest);
        }
    }

    /** A matching message already received (no waiting); AssertionError when there is none. */
    public C2ToEdge awaitNow(Predicate<C2ToEdge> wanted) {
        List<C2ToEdge> all = new ArrayList<>();
        received.drainTo(all);
        C2ToEdge found = null;
        for (C2ToEdge message : all) {
            if (found == null && wanted.test(message)) {
                found = message;
            } else {
                received.add(message);
            }
        }
        if (found == null) {
            throw new AssertionError("no matching message received yet; others=" + all);
        }
        return found;
    }

    /** Every message matching {@code wanted} received so far (no waiting), removed; the others are kept. */
    public List<C2ToEdge> takeAll(Predicate<C2ToEdge> wanted) {
        List<C2ToEdge> all = new ArrayList<>();
        received.drainTo(all);
        List<C2ToEdge> taken = new ArrayList<>();
        for (C2ToEdge message : all) {
            if (wanted.test(message)) {
                taken.add(message);
            } else {
                received.add(message);
            }
        }
        return taken;
    }

    /** How the stream ended (the gRPC status C2 closed it with). */
    public Status awaitEnd() throws Exception {
        return ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public void hangUp() {
        outbound.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        if (!ended.isDone()) {
            outbound.onError(Status.CANCELLED.withDescription("test done").asRuntimeException());
        }
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
    }
}
