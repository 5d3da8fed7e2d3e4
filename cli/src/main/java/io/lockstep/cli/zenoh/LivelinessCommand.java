package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.LivelinessToken;
import io.lockstep.mesh.api.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** z_liveliness: hold a liveliness token until interrupted. */
@Command(name = "liveliness", mixinStandardHelpOptions = true, description = "Declare a liveliness token.")
public final class LivelinessCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Option(names = {"-k", "--key"}, defaultValue = "group1/lockstep", description = "key expression")
    String key;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        System.out.println("Declaring LivelinessToken on '" + key + "'...");
        LivelinessToken token = s.liveliness().declareToken(key);
        System.out.println("Press CTRL-C to undeclare LivelinessToken and quit...");
        Waiting.untilInterrupted(token, s);
        return 0;
    }
}
