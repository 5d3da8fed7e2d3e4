package io.lockstep.cli.demo;

import io.lockstep.cli.fleet.FleetTokens;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's invitation to the commander's dashboard: C2 is started trusting a throwaway token key, and the
 * demo prints the dashboard's URL with a commander token for the demo commander (the page takes it from the
 * URL fragment, which never reaches a server log). With --keep-running the fleet stays up after the mission
 * until Ctrl-C.
 */
final class DemoDashboard {
    static final String COMMANDER = "demo-commander";

    private final FleetTokens tokens = new FleetTokens();

    /** System properties C2 needs to accept the demo's tokens. */
    List<String> c2Properties() {
        return tokens.c2Properties();
    }

    String url(int httpPort) {
        return "http://127.0.0.1:" + httpPort + "/#token=" + tokens.token(COMMANDER, "commander");
    }

    void announce(int httpPort, PrintStream console) {
        console.println("  dashboard  http://127.0.0.1:" + httpPort + "/   (open the link below to log in as '" + COMMANDER
                + "', role commander)");
        console.println("             " + url(httpPort));
    }

    /** Blocks until the process is interrupted (Ctrl-C runs the shutdown hook that stops the fleet). */
    static void keepRunning(int httpPort, PrintStream console) {
        console.println("--keep-running: the fleet stays up; dashboard at http://127.0.0.1:" + httpPort
                + "/ ; press Ctrl-C to stop everything");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
