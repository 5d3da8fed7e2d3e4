package io.lockstep.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, for the report's environment line: cores, Java, load average. */
public final class BenchEnvironment {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private BenchEnvironment() {
    }

    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", "
                + load();
    }

    /** "load a b c (1/5/15 min)" from /proc/loadavg, or the 1-minute figure the JVM reports. */
    public static String load() {
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
        return String.format(Locale.ROOT, "load %.2f (1 min)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
