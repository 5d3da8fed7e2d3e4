package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_put: one put, then exit. */
@Command(name = "put", mixinStandardHelpOptions = true, description = "Put one value.")
public final class PutCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "demo/example/lockstep-put", description = "key expression")
    String key;

    @Option(names = {"-v", "--value"}, defaultValue = "Put from Lockstep!", description = "value")
    String value;

    @Option(names = {"-a", "--attach"}, description = "attachment")
    String attachment;

    @Override
    public Integer call() throws Exception {
        try (Session s = session.open()) {
            System.out.println("Putting Data ('" + key + "': '" + value + "')...");
            PutOptions o = attachment == null ? PutOptions.DEFAULT
                    : PutOptions.DEFAULT.withAttachment(attachment.getBytes(StandardCharsets.UTF_8));
            s.put(key, value.getBytes(StandardCharsets.UTF_8), o);
            // Let the batch leave before the session closes.
            Thread.sleep(100);
        }
        return 0;
    }
}
