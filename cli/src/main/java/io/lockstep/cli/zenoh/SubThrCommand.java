package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_sub_thr: count samples on test/thr and print the rate of every round. */
@Command(name = "sub-thr", mixinStandardHelpOptions = true, description = "Throughput subscriber on test/thr.")
public final class SubThrCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-n", "--samples"}, defaultValue = "100000", description = "samples per measurement round")
    long samples;

    @Option(names = {"-r", "--rounds"}, defaultValue = "10", description = "rounds before exiting")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        CountDownLatch finished = new CountDownLatch(rounds);
        long[] state = {0, 0}; // count in round, round start (ns); touched only by the session's reader thread
        Subscriber sub = s.declareSubscriber("test/thr", sample -> {
            if (state[0] == 0) {
                state[1] = System.nanoTime();
            }
            if (++state[0] == samples) {
                double seconds = (System.nanoTime() - state[1]) / 1e9;
                System.out.printf("%.3f msg/s%n", samples / seconds);
                state[0] = 0;
                finished.countDown();
            }
        });
        System.out.println("Press CTRL-C to quit...");
        finished.await();
        sub.close();
        s.close();
        return 0;
    }
}
