package io.lockstep.c2;

import io.lockstep.c2.api.HttpEdgeProblems;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * C2's entry point. Its one job before Quarkus starts: hand the request-URI check to C2's own route
 * ({@link HttpEdgeProblems}), so a URI such as {@code /api/v1/nodes/%zz} is answered with a problem+json 400
 * instead of the empty 400 that Quarkus' root handler would send before any route runs.
 */
@QuarkusMain
public class C2Main {

    public static void main(String... args) {
        HttpEdgeProblems.takeOverUriCheckFromQuarkus();
        Quarkus.run(args);
    }
}
