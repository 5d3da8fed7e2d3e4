package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.mesh.transport.CongestionControl;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Lockstep-to-Lockstep measurements over loopback TCP: two peer sessions in this JVM. */
final class MeshBenchmark {
    static final int[] SIZES = {8, 64, 1024, 65536};
    private static final PutOptions BLOCK = PutOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK);

    record Rtt(double p50, double p99) {
    }

    private final long windowMs;
    private final int rttSamples;
    private final Consumer<String> log;

    MeshBenchmark(boolean quick, Consumer<String> log) {
        this.windowMs = quick ? 1_000 : 3_000;
        this.rttSamples = quick ? 2_000 : 10_000;
        this.log = log;
    }

    private static Session[] pair() throws IOException, InterruptedException {
        Session listener = Zenoh.open(Config.peer().listen("tcp/127.0.0.1:0"));
        Session connector = Zenoh.open(Config.peer().connect(listener.listenEndpoints().get(0)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.peers().isEmpty() || connector.peers().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the two benchmark sessions never connected");
            }
            Thread.sleep(5);
        }
        return new Session[] {listener, connector};
    }

    Map<String, Double> throughput() throws IOException, InterruptedException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int size : SIZES) {
            out.put(Integer.toString(size), throughput(size));
            log.accept(String.format("throughput %6d B: %,.0f msg/s", size, out.get(Integer.toString(size))));
        }
        return out;
    }

    private double throughput(int size) throws IOException, InterruptedException {
        Session[] s = pair();
        try {
            AtomicLong received = new AtomicLong();
            s[1].declareSubscriber("bench/thr", sample -> received.incrementAndGet());
            Publisher pub = s[0].declarePublisher("bench/thr", BLOCK);
            awaitMatching(pub);
            byte[] payload = new byte[size];
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = new Thread(() -> {
                while (!stop.get()) {
                    pub.put(payload);
                }
            }, "bench-publisher");
            producer.start();
            Thread.sleep(windowMs / 3); // warm-up: JIT and TCP windows
            long c0 = received.get();
            long t0 = System.nanoTime();
            Thread.sleep(windowMs);
            long c1 = received.get();
            long t1 = System.nanoTime();
            stop.set(true);
            producer.join();
            return (c1 - c0) / ((t1 - t0) / 1e9);
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    Rtt roundTrip(int size) throws IOException, InterruptedException {
        Session[] s = pair();
        try {
            Publisher pong = s[1].declarePublisher("bench/pong", BLOCK.withExpress(true));
            s[1].declareSubscriber("bench/ping", sample -> pong.put(sample.payload()));
            SynchronousQueue<byte[]> back = new SynchronousQueue<>();
            s[0].declareSubscriber("bench/pong", sample -> {
                try {
                    back.put(sample.payload());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Publisher ping = s[0].declarePublisher("bench/ping", BLOCK.withExpress(true));
            awaitMatching(ping);
            awaitMatching(pong);
            byte[] payload = new byte[size];
            for (int i = 0; i < rttSamples / 2; i++) {
                exchange(ping, back, payload);
            }
            long[] us = new long[rttSamples];
            for (int i = 0; i < rttSamples; i++) {
                long t0 = System.nanoTime();
                exchange(ping, back, payload);
                us[i] = System.nanoTime() - t0;
            }
            Arrays.sort(us);
            Rtt rtt = new Rtt(us[us.length / 2] / 1000.0, us[(int) (us.length * 0.99)] / 1000.0);
            log.accept(String.format("round trip %d B: p50 %.1f µs, p99 %.1f µs", size, rtt.p50(), rtt.p99()));
            return rtt;
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    private static void exchange(Publisher ping, SynchronousQueue<byte[]> back, byte[] payload) throws InterruptedException, IOException {
        ping.put(payload);
        if (back.poll(5, TimeUnit.SECONDS) == null) {
            throw new IOException("pong lost");
        }
    }

    private static void awaitMatching(Publisher p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!p.hasMatchingSubscribers()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("subscriber for " + p.keyExpr() + " never declared");
            }
            Thread.sleep(5);
        }
    }
}
