package io.lockstep.cli.bench.fleet;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Many {@link LinkNode}s in this JVM: node i links to C2 replica {@code i mod replicas}, a hundred streams per
 * gRPC channel (one HTTP/2 connection each), the way a fleet behind a load balancer spreads its links.
 */
final class LinkFleet implements AutoCloseable {
    private static final int NODES_PER_CHANNEL = 100;
    /** Heartbeats go out in this many slices per period, so the fleet's heartbeats are spread, not a burst. */
    private static final int SLICES = 20;

    private final List<ManagedChannel> channels = new ArrayList<>();
    final List<LinkNode> nodes = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-fleet-heartbeats");
        thread.setDaemon(true);
        return thread;
    });
    final AtomicLong heartbeatsSent = new AtomicLong();
    final AtomicLong heartbeatsSkipped = new AtomicLong();
    private ScheduledFuture<?> heartbeats;
    private long round;

    LinkFleet(List<Integer> grpcPorts, int count, String idPrefix) {
        List<List<LinkNode>> perReplica = new ArrayList<>();
        grpcPorts.forEach(port -> perReplica.add(new ArrayList<>()));
        for (int i = 0; i < count; i++) {
            LinkNode node = new LinkNode(String.format("%s-%04d", idPrefix, i + 1));
            nodes.add(node);
            perReplica.get(i % grpcPorts.size()).add(node);
        }
        for (int r = 0; r < grpcPorts.size(); r++) {
            ManagedChannel channel = null;
            List<LinkNode> mine = perReplica.get(r);
            for (int i = 0; i < mine.size(); i++) {
                if (i % NODES_PER_CHANNEL == 0) {
                    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPorts.get(r)).usePlaintext()
                            .directExecutor().build();
                    channels.add(channel);
                }
                LinkNode node = mine.get(i);
                EdgeLinkGrpc.newStub(channel).connect(node);
                node.hello();
            }
        }
    }

    /** Waits until every node got C2's Welcome; returns how many did. */
    int awaitWelcomed(Duration timeout) throws InterruptedException {
        return awaitAll(node -> node.welcomedAt, timeout);
    }

    /**
     * Waits until {@code event} (a nanoTime, 0 = not yet) happened on every node or {@code timeout} passed;
     * returns on how many nodes it happened.
     */
    int awaitAll(ToLongFunction<LinkNode> event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int done = count(event);
            if (done == nodes.size() || System.nanoTime() > deadline) {
                return done;
            }
            Thread.sleep(5);
        }
    }

    int count(ToLongFunction<LinkNode> event) {
        int done = 0;
        for (LinkNode node : nodes) {
            if (event.applyAsLong(node) != 0) {
                done++;
            }
        }
        return done;
    }

    /** Milliseconds from {@code startNanos} to {@code event} on every node where it happened. */
    double[] latenciesMs(ToLongFunction<LinkNode> event, long startNanos) {
        return nodes.stream().mapToLong(event).filter(at -> at != 0).mapToDouble(at -> (at - startNanos) / 1e6)
                .sorted().toArray();
    }

    /** Every node sends a heartbeat every {@code period}, spread over the period. */
    void startHeartbeats(Duration period) {
        long slice = Math.max(1, period.toMillis() / SLICES);
        heartbeats = timer.scheduleAtFixedRate(this::heartbeatSlice, 0, slice, TimeUnit.MILLISECONDS);
    }

    void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }

    private void heartbeatSlice() {
        int sliceIndex = (int) (round % SLICES);
        long tick = round / SLICES;
        round++;
        for (int i = sliceIndex; i < nodes.size(); i += SLICES) {
            if (nodes.get(i).heartbeat(tick)) {
                heartbeatsSent.incrementAndGet();
            } else {
                heartbeatsSkipped.incrementAndGet();
            }
        }
    }

    /** Nodes whose link ended (C2 closed it, or it failed), with the first reason seen. */
    List<String> ended() {
        return nodes.stream().filter(n -> n.endedWith != null).map(n -> n.id + ": " + n.endedWith).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        nodes.forEach(LinkNode::close);
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
