package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_sub: print every sample received on a key expression. */
@Command(name = "sub", mixinStandardHelpOptions = true, description = "Subscribe and print samples.")
public final class SubCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "demo/example/**", description = "key expression")
    String key;

    @Option(names = {"-n", "--count"}, defaultValue = "0", description = "exit after this many samples (0: never)")
    int count;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        System.out.println("Declaring Subscriber on '" + key + "'...");
        CountDownLatch remaining = new CountDownLatch(count == 0 ? 1 : count);
        Subscriber sub = s.declareSubscriber(key, sample -> {
            String att = sample.attachment() == null ? "" : " (" + sample.attachmentAsString() + ")";
            System.out.println(">> [Subscriber] Received " + sample.kind() + " ('" + sample.keyExpr() + "': '"
                    + sample.payloadAsString() + "')" + att);
            if (count != 0) {
                remaining.countDown();
            }
        });
        System.out.println("Press CTRL-C to quit...");
        if (count == 0) {
            Waiting.untilInterrupted(sub, s);
        }
        remaining.await();
        s.close();
        return 0;
    }
}
