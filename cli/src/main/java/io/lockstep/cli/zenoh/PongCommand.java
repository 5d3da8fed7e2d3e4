package io.lockstep.cli.zenoh;

import io.lockstep.mesh.api.Publisher;
import io.lockstep.mesh.api.PutOptions;
import io.lockstep.mesh.api.Session;
import io.lockstep.mesh.api.Subscriber;
import io.lockstep.mesh.transport.CongestionControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** z_pong: echo every sample on test/ping back on test/pong. */
@Command(name = "pong", mixinStandardHelpOptions = true, description = "Echo test/ping to test/pong.")
public final class PongCommand implements Callable<Integer> {
    @Mixin
    SessionOptions session;

    @Override
    public Integer call() throws Exception {
        Session s = session.open();
        Publisher pong = s.declarePublisher("test/pong", PutOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK)
                .withExpress(true));
        Subscriber sub = s.declareSubscriber("test/ping", sample -> pong.put(sample.payload()));
        System.out.println("Press CTRL-C to quit...");
        Waiting.untilInterrupted(sub, s);
        return 0;
    }
}
