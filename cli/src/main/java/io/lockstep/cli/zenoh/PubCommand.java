package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_pub: a publisher putting "[   i] value" once a second. */
@Command(name = "pub", mixinStandardHelpOptions = true, description = "Publish a value every second.")
public final class PubCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "demo/example/lockstep-pub", description = "key expression")
    String key;

    @Option(names = {"-v", "--value"}, defaultValue = "Pub from Lockstep!", description = "value")
    String value;

    @Option(names = {"-n", "--count"}, defaultValue = "0", description = "number of puts (0: forever)")
    int count;

    @Override
    public Integer call() throws Exception {
        try (Session s = session.open()) {
            System.out.println("Declaring Publisher on '" + key + "'...");
            Publisher pub = s.declarePublisher(key, PutOptions.DEFAULT);
            System.out.println("Press CTRL-C to quit...");
            for (int idx = 0; count == 0 || idx < count; idx++) {
                Thread.sleep(1000);
                String buf = String.format("[%4d] %s", idx, value);
                System.out.println("Putting Data ('" + key + "': '" + buf + "')...");
                pub.put(buf);
            }
            Thread.sleep(100);
        }
        return 0;
    }
}
