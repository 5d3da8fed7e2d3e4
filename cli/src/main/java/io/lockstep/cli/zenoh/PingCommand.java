package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.concurrent.Callable;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_ping: measure round trips through a z_pong. */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Round trips through a pong.")
public final class PingCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-s", "--size"}, defaultValue = "64", description = "payload size in bytes")
    int size;

    @Option(names = {"-n", "--samples"}, defaultValue = "100", description = "number of round trips")
    int samples;

    @Option(names = {"-w", "--warmup"}, defaultValue = "1000", description = "warm-up time in ms")
    long warmupMs;

    @Override
    public Integer call() throws Exception {
        try (Session s = session.open()) {
            SynchronousQueue<byte[]> back = new SynchronousQueue<>();
            s.declareSubscriber("test/pong", sample -> {
                try {
                    back.put(sample.payload());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Publisher ping = s.declarePublisher("test/ping", PutOptions.DEFAULT
                    .withCongestionControl(CongestionControl.BLOCK).withExpress(true));
            byte[] payload = new byte[size];
            System.out.println("Warming up for " + warmupMs + "ms...");
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMs);
            while (System.nanoTime() < end) {
                ping.put(payload);
                if (back.poll(1, TimeUnit.SECONDS) == null) {
                    System.out.println("No pong received: is `lockstep zenoh pong` running and connected?");
                    return 1;
                }
            }
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                ping.put(payload);
                if (back.poll(5, TimeUnit.SECONDS) == null) {
                    System.out.println("pong lost at seq=" + i);
                    return 1;
                }
                long rtt = (System.nanoTime() - t0) / 1000;
                System.out.println(size + " bytes: seq=" + i + " rtt=" + rtt + "µs lat=" + rtt / 2 + "µs");
            }
        }
        return 0;
    }
}
