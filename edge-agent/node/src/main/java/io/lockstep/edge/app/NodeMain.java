package io.lockstep.edge.app;

import io.lockstep.edge.debug.DebugUriCheck;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The edge node's entry point. Its one job before Quarkus starts: hand the request-URI check to the debug
 * port's own route ({@link DebugUriCheck}), so a URI such as {@code /debug/v1/%zz} is answered with a
 * problem+json 400 instead of the empty 400 Quarkus' root handler would send before any route runs.
 */
@QuarkusMain
public class NodeMain {

    public static void main(String... args) {
        DebugUriCheck.takeOverFromQuarkus();
        Quarkus.run(args);
    }
}
