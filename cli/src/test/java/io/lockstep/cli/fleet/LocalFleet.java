package io.lockstep.cli.fleet;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole local fleet (Redis, C2 and real nodes, each in its own process) for one test, closed after the test
 * whatever happened: register with {@code @RegisterExtension final LocalFleet fleets = new LocalFleet();}, start
 * with {@link #start}. Its start-up progress is not printed.
 */
final class LocalFleet implements AfterEachCallback {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private Fleet fleet;

    /** Starts {@code nodes} nodes in the demo world under {@code out}, with extra C2 system properties. */
    Fleet start(Path out, int nodes, boolean mutualTls, String... c2Properties) {
        if (fleet != null) {
            throw new IllegalStateException("this test already started a fleet");
        }
        LockstepHome home = LockstepHome.detect();
        fleet = Fleet.start(home, new FleetSpec(out, nodes, home.demoWorld(), mutualTls), QUIET, List.of(c2Properties));
        return fleet;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
    }
}
