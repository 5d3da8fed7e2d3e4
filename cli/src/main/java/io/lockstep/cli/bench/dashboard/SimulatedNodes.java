package io.lockstep.cli.bench.dashboard;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many simulated nodes on the real link protocol: each a gRPC {@code EdgeLink.Connect} stream that says
 * Hello and then sends Telemetry at a fixed rate. The sample's tick carries its send time (epoch ms) so a
 * stream client can measure node-to-client latency. Each sends like a real node's link ({@link LatestLiveSample},
 * with the node's default on-ready threshold): while its stream is not ready (flow control) only the newest sample
 * waits and goes out when it is ready again; the samples it replaced are counted. Like the node they ask C2 for
 * live-sample credit ({@link LiveCredit}) and send a live sample only while they hold some.
 */
final class SimulatedNodes implements AutoCloseable {
    private static final int NODES_PER_CHANNEL = 100;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<ClientCallStreamObserver<EdgeToC2>> streams = new ArrayList<>();
    private final List<LatestLiveSample> live = new ArrayList<>();
    private final List<LatestLiveSample.Stream> senders = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-nodes");
        thread.setDaemon(true);
        return thread;
    });
    final AtomicLong sent = new AtomicLong();
    private long step;

    SimulatedNodes(int grpcPort, int count) {
        for (int i = 0; i < count; i++) {
            if (i % NODES_PER_CHANNEL == 0) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build());
            }
            String id = String.format("bench-%04d", i + 1);
            ids.add(id);
            ClientCallStreamObserver<EdgeToC2>[] holder = new ClientCallStreamObserver[1];
            LatestLiveSample latest = new LatestLiveSample();
            LiveCredit credit = new LiveCredit();
            LatestLiveSample.Stream stream = new LatestLiveSample.Stream() {
                @Override
                public boolean ready() {
                    return holder[0].isReady();
                }

                @Override
                public boolean send(EdgeToC2 message) {
                    holder[0].onNext(message);
                    sent.incrementAndGet();
                    return true;
                }
            };
            LatestLiveSample.Stream sender = credit.gate(stream);
            EdgeLinkGrpc.newStub(channels.get(channels.size() - 1))
                    .withOnReadyThreshold(LatestLiveSample.DEFAULT_ON_READY_THRESHOLD_BYTES)
                    .connect(new ClientResponseObserver<EdgeToC2, C2ToEdge>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<EdgeToC2> requests) {
                    holder[0] = requests;
                    requests.setOnReadyHandler(() -> latest.onReady(sender));
                }

                @Override
                public void onNext(C2ToEdge value) {
                    // The same credit handling as the node's link (C2Link).
                    if (value.hasWelcome()) {
                        credit.welcome(value.getWelcome().getLiveCredit());
                        latest.onReady(sender);
                    } else if (value.hasLiveCredit()) {
                        credit.grant(value.getLiveCredit().getSamples());
                        latest.onReady(sender);
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            });
            holder[0].onNext(EdgeToC2.newBuilder().setHello(Hello.newBuilder().setNodeId(id)
                    .setSoftwareVersion("bench-node").setAbiVersion(1).setLiveCredit(true)).build());
            streams.add(holder[0]);
            live.add(latest);
            senders.add(sender);
        }
    }

    List<String> ids() {
        return ids;
    }

    /** Starts sending: every node one sample per period. */
    void start(int rateHz) {
        long periodMicros = 1_000_000L / rateHz;
        sender.scheduleAtFixedRate(this::sendRound, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sendRound() {
        step++;
        long now = System.currentTimeMillis();
        for (int i = 0; i < streams.size(); i++) {
            double angle = (step + i) * 0.01;
            live.get(i).offer(senders.get(i), Telemetry.newBuilder().setTick(now)
                    .setXM(50 * Math.cos(angle)).setYM(50 * Math.sin(angle)).setVxMps(-Math.sin(angle))
                    .setVyMps(Math.cos(angle)).setBatteryFraction(0.9).build());
        }
    }

    /** Live samples replaced by a newer one before their stream was ready (never sent), over all nodes. */
    long replaced() {
        return live.stream().mapToLong(LatestLiveSample::replaced).sum();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (ClientCallStreamObserver<EdgeToC2> stream : streams) {
            try {
                stream.onCompleted();
            } catch (RuntimeException alreadyClosed) {
                // the stream ended on its own
            }
        }
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
