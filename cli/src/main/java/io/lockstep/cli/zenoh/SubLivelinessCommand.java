package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.SampleKind;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_sub_liveliness: print tokens as they appear and disappear. */
@Command(name = "sub-liveliness", mixinStandardHelpOptions = true, description = "Watch liveliness tokens.")
public final class SubLivelinessCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "group1/**", description = "key expression")
    String key;

    @Option(names = "--history", description = "also report the tokens alive when subscribing")
    boolean history;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        System.out.println("Declaring Liveliness Subscriber on '" + key + "'...");
        Subscriber sub = s.liveliness().declareSubscriber(key, history, sample -> {
            if (sample.kind() == SampleKind.PUT) {
                System.out.println(">> [LivelinessSubscriber] New alive token ('" + sample.keyExpr() + "')");
            } else {
                System.out.println(">> [LivelinessSubscriber] Dropped token ('" + sample.keyExpr() + "')");
            }
        });
        System.out.println("Press CTRL-C to quit...");
        Waiting.untilInterrupted(sub, s);
        return 0;
    }
}
