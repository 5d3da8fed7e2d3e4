package io.lockstep.cli.zenoh;

import io.lockstep.mesh.message.WhatAmI;
import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.scouting.Hello;
import io.lockstep.mesh.scouting.Scouter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** z_scout: send SCOUT and print every HELLO. */
@Command(name = "scout", mixinStandardHelpOptions = true, description = "Scout for Zenoh peers and routers.")
public final class ScoutCommand implements Callable<Integer> {
    @Option(names = {"-a", "--address"}, defaultValue = "224.0.0.224:7446", description = "where to send SCOUT (multicast group or host:port)")
    String address;

    @Option(names = {"-t", "--timeout"}, defaultValue = "1000", description = "how long to listen for HELLOs, ms")
    long timeoutMs;

    @Override
    public Integer call() throws Exception {
        System.out.println("Scouting...");
        List<Hello> found = Scouter.scout(Scouter.address(address), WhatAmI.PEER.mask() | WhatAmI.ROUTER.mask(),
                ZenohId.random(), Duration.ofMillis(timeoutMs));
        for (Hello h : found) {
            System.out.println("Hello { zid: " + h.zid() + ", whatami: \"" + h.whatAmI().name().toLowerCase(java.util.Locale.ROOT)
                    + "\", locators: " + h.locators() + " }");
        }
        if (found.isEmpty()) {
            System.out.println("Did not find any zenoh process.");
        }
        return 0;
    }
}
