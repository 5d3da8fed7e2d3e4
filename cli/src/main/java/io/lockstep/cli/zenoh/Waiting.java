package io.lockstep.cli.zenoh;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running example until the process is interrupted (CTRL-C runs the shutdown hooks). */
final class Waiting {
    private Waiting() {
    }

    static void untilInterrupted(AutoCloseable... toClose) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
            }
        }));
        never.await();
    }
}
