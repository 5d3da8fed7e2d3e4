package io.lockstep.runtime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, so a reader can judge how noisy the figures are. */
final class MachineLoad {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    /** "1-, 5- and 15-minute load a b c" from /proc/loadavg, or the 1-minute figure the JVM reports. */
    static String now() {
        try {
            if (Files.isReadable(LOADAVG)) {
                String[] parts = Files.readString(LOADAVG).trim().split("\\s+");
                if (parts.length >= 3) {
                    return "load " + parts[0] + " " + parts[1] + " " + parts[2] + " (1/5/15 min)";
                }
            }
        } catch (IOException e) {
            // fall through to the JVM's figure
        }
        return String.format("load %.2f (1 min)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
