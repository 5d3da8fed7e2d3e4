package io.lockstep.cli.demo;

import io.lockstep.cli.fleet.C2Process;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The demo's invitation to the commander's dashboard: the URL C2 serves it at and the demo commander's login
 * (a user of the demo's C2 users file with a random password), plus a link that logs in at once (a token in
 * the URL fragment, which never reaches a server log). With --keep-running the fleet stays up after the
 * mission until Ctrl-C.
 */
final class DemoDashboard {
    private DemoDashboard() {
    }

    static void announce(C2Process c2, PrintStream console) {
        String base = "http://127.0.0.1:" + c2.httpPort() + "/";
        console.println("  dashboard  " + base + "   log in as '" + c2.credentials().user() + "' with password '"
                + c2.credentials().password() + "'");
        console.println("             or open " + base + "#token=" + c2.api().token());
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
