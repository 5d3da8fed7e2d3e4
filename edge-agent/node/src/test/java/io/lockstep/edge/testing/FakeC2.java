package io.lockstep.edge.testing;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.StatusAck;
import io.lockstep.proto.v1.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A minimal in-process C2 for link tests: answers Hello with Welcome(last stored seq), stores every
 * edge message with a seq (deduplicating, like the real C2), acks it, and can "cut" the link.
 */
public final class FakeC2 implements AutoCloseable {

    private final Server server;
    private final List<EdgeToC2> received = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, EdgeToC2> stored = new TreeMap<>();
    private final Set<StreamObserver<C2ToEdge>> streams = new CopyOnWriteArraySet<>();
    private final java.util.Map<String, byte[]> blobs = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong commandSeq = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean down;
    private volatile boolean acking = true;
    private volatile int hellos;
    /** Live-sample credit window announced to a node that asks for it; 0: none (like an older C2). */
    private volatile int liveCredit;
    private final java.util.concurrent.atomic.AtomicInteger toDrop = new java.util.concurrent.atomic.AtomicInteger();

    public FakeC2() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Service()).build().start();
    }

    public int port() {
        return server.getPort();
    }

    /** Breaks every open stream and refuses new ones until {@link #restore()}. */
    public void cut() {
        down = true;
        for (StreamObserver<C2ToEdge> s : streams) {
            try {
                s.onError(Status.UNAVAILABLE.withDescription("link cut by test").asRuntimeException());
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        streams.clear();
    }

    public void restore() {
        down = false;
    }

    /** When false, messages are stored but no StatusAck is sent (simulates acks lost in transit). */
    public void setAcking(boolean acking) {
        this.acking = acking;
    }

    /** Silently ignores (neither stores nor acks) the next {@code count} messages that carry a seq. */
    public void dropNextSequenced(int count) {
        toDrop.set(count);
    }

    private volatile int blobChunkBytes;
    private final java.util.concurrent.atomic.AtomicInteger blobChunksLeft =
            new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
    private volatile java.util.function.Function<EdgeToC2, java.util.Optional<C2ToEdge>> journals =
            m -> java.util.Optional.empty();

    /**
     * Answers chunked BlobRequests like C2 does: at most {@code chunkBytes} per answer (0: whole blobs in one
     * message, like an older C2), and only {@code answered} more chunk answers (then silence, a stalled link).
     */
    public void chunkBlobs(int chunkBytes, int answered) {
        blobChunkBytes = chunkBytes;
        blobChunksLeft.set(answered);
    }

    /** Answers journal upload messages (offers and chunks) with {@code handler}; empty: no answer. */
    public void onJournal(java.util.function.Function<EdgeToC2, java.util.Optional<C2ToEdge>> handler) {
        journals = handler;
    }

    /** Serves {@code data} when a node asks for {@code sha256} (which need not be its digest). */
    public void offerBlob(String sha256, byte[] data) {
        blobs.put(sha256, data.clone());
    }

    /** Sends a command with the next command_seq; returns that seq. */
    public long command(C2ToEdge.Builder body) {
        long seq = commandSeq.incrementAndGet();
        send(body.setCommandSeq(seq).build());
        return seq;
    }

    /** Statuses C2 stored (deduplicated by seq), in seq order. */
    public List<io.lockstep.proto.v1.StatusUpdate> statuses() {
        return stored().stream().filter(EdgeToC2::hasStatus).map(EdgeToC2::getStatus).toList();
    }

    /** Command acks C2 stored (deduplicated by seq), in seq order. */
    public List<io.lockstep.proto.v1.CommandAck> acks() {
        return stored().stream().filter(EdgeToC2::hasAck).map(EdgeToC2::getAck).toList();
    }

    public int hellos() {
        return hellos;
    }

    /** Announces this live-sample credit window in Welcome to nodes that ask; returns none by itself. */
    public void liveCredit(int window) {
        this.liveCredit = window;
    }

    /** Sends a C2 message on every open stream. */
    public void send(C2ToEdge message) {
        for (StreamObserver<C2ToEdge> s : streams) {
            synchronized (s) {
                s.onNext(message);
            }
        }
    }

    public boolean connected() {
        return !streams.isEmpty();
    }

    public List<EdgeToC2> received() {
        return new ArrayList<>(received);
    }

    public List<EdgeToC2> received(Predicate<EdgeToC2> filter) {
        return received.stream().filter(filter).toList();
    }

    public synchronized List<EdgeToC2> stored() {
        return new ArrayList<>(stored.values());
    }

    public synchronized long lastStoredSeq() {
        return stored.isEmpty() ? 0 : stored.lastKey();
    }

    private synchronized void store(EdgeToC2 m) {
        stored.putIfAbsent(m.getSeq(), m);
    }

    /** Polls {@code condition} until it holds; fails the test after a generous bound. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        cut();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends EdgeLinkGrpc.EdgeLinkImplBase {
        @Override
        public StreamObserver<EdgeToC2> connect(StreamObserver<C2ToEdge> out) {
            if (down) {
                out.onError(Status.UNAVAILABLE.withDescription("C2 down").asRuntimeException());
                return new StreamObserver<>() {
                    public void onNext(EdgeToC2 value) { }
                    public void onError(Throwable t) { }
                    public void onCompleted() { }
                };
            }
            streams.add(out);
            return new StreamObserver<>() {
                @Override
                public void onNext(EdgeToC2 m) {
                    if (down) {
                        return;
                    }
                    received.add(m);
                    if (m.hasHello()) {
                        hellos++;
                        synchronized (out) {
                            out.onNext(C2ToEdge.newBuilder().setWelcome(Welcome.newBuilder()
                                    .setC2Instance("fake-c2").setLastReceivedSeq(lastStoredSeq())
                                    .setLiveCredit(m.getHello().getLiveCredit() ? liveCredit : 0)).build());
                        }
                    } else if (m.hasBlobRequest()) {
                        String sha = m.getBlobRequest().getSha256();
                        byte[] data = blobs.get(sha);
                        io.lockstep.proto.v1.Blob.Builder blob = io.lockstep.proto.v1.Blob.newBuilder()
                                .setKind(m.getBlobRequest().getKind()).setSha256(sha);
                        int chunk = blobChunkBytes;
                        if (data == null) {
                            blob.setError("unknown blob");
                        } else if (chunk > 0 && m.getBlobRequest().getMaxChunkBytes() > 0) {
                            if (blobChunksLeft.getAndDecrement() <= 0) {
                                return;
                            }
                            int from = (int) Math.min(data.length, m.getBlobRequest().getOffset());
                            int to = Math.min(data.length, from + Math.min(chunk, m.getBlobRequest().getMaxChunkBytes()));
                            byte[] piece = java.util.Arrays.copyOfRange(data, from, to);
                            blob.setChunked(true).setOffset(from).setTotalBytes(data.length)
                                    .setData(com.google.protobuf.ByteString.copyFrom(piece))
                                    .setChunkSha256(io.lockstep.edge.mission.BlobCache.sha256Hex(piece));
                        } else {
                            blob.setData(com.google.protobuf.ByteString.copyFrom(data));
                        }
                        synchronized (out) {
                            out.onNext(C2ToEdge.newBuilder().setBlob(blob).build());
                        }
                    } else if (m.hasJournalOffer() || m.hasJournalChunk()) {
                        journals.apply(m).ifPresent(answer -> {
                            synchronized (out) {
                                out.onNext(answer);
                            }
                        });
                    } else if (m.getSeq() > 0) {
                        if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            return;
                        }
                        store(m);
                        if (acking) {
                            synchronized (out) {
                                out.onNext(C2ToEdge.newBuilder()
                                        .setStatusAck(StatusAck.newBuilder().setSeq(lastStoredSeq())).build());
                            }
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                    streams.remove(out);
                }

                @Override
                public void onCompleted() {
                    streams.remove(out);
                    try {
                        out.onCompleted();
                    } catch (RuntimeException ignored) {
                        // already closed
                    }
                }
            };
        }
    }
}
