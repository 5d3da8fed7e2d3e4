package io.lockstep.edge.testing;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A C2 that reads a node's link stream only when the test lets it: it reads the Hello, answers Welcome, and then
 * takes no further message until {@link #readOn()} (gRPC manual flow control). Its flow-control window is small and
 * fixed, like C2's, so a node that keeps sending meets flow control after a few messages.
 */
public final class SlowReaderC2 implements AutoCloseable {

    private final Server server;
    private final List<EdgeToC2> received = new CopyOnWriteArrayList<>();
    private final List<ServerCallStreamObserver<C2ToEdge>> calls = new CopyOnWriteArrayList<>();

    public SlowReaderC2(int flowControlWindowBytes) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .flowControlWindow(flowControlWindowBytes)
                .addService(new Service()).build().start();
    }

    public int port() {
        return server.getPort();
    }

    /** From now on reads everything the node sends, as fast as it comes. */
    public void readOn() {
        calls.forEach(call -> call.request(Integer.MAX_VALUE));
    }

    public List<EdgeToC2> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends EdgeLinkGrpc.EdgeLinkImplBase {
        @Override
        public StreamObserver<EdgeToC2> connect(StreamObserver<C2ToEdge> out) {
            ServerCallStreamObserver<C2ToEdge> call = (ServerCallStreamObserver<C2ToEdge>) out;
            call.disableAutoRequest();
            call.request(1); // the Hello
            calls.add(call);
            return new StreamObserver<>() {
                @Override
                public void onNext(EdgeToC2 m) {
                    received.add(m);
                    if (m.hasHello()) {
                        call.onNext(C2ToEdge.newBuilder().setWelcome(Welcome.newBuilder().setC2Instance("slow-c2")).build());
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    call.onCompleted();
                }
            };
        }
    }
}
