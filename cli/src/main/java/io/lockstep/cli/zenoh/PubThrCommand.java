package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_pub_thr: publish fixed-size samples on test/thr as fast as congestion control allows. */
@Command(name = "pub-thr", mixinStandardHelpOptions = true, description = "Throughput publisher on test/thr.")
public final class PubThrCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-s", "--size"}, defaultValue = "8", description = "payload size in bytes")
    int size;

    @Option(names = {"-n", "--count"}, defaultValue = "0", description = "number of samples (0: until interrupted)")
    long count;

    @Override
    public Integer call() throws Exception {
        try (Session s = session.open()) {
            Publisher pub = s.declarePublisher("test/thr", PutOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK));
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i % 10);
            }
            System.out.println("Press CTRL-C to quit...");
            for (long i = 0; count == 0 || i < count; i++) {
                pub.put(payload);
            }
        }
        return 0;
    }
}
