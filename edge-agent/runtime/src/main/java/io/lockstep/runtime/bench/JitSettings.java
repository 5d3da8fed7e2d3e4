package io.lockstep.runtime.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The two HotSpot settings compiled agents depend on for speed (docs/performance.md), as the benchmarked JVM
 * runs with them: a figure measured without the launcher's settings is not the runtime's figure.
 */
final class JitSettings {
    private static final String[] FLAGS = {"DontCompileHugeMethods", "ClipInlining"};

    private JitSettings() {
    }

    /** For example "DontCompileHugeMethods=false ClipInlining=false", or "unknown" on a JVM that is not HotSpot. */
    static String describe() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            StringBuilder out = new StringBuilder();
            for (String flag : FLAGS) {
                out.append(out.length() == 0 ? "" : " ").append(flag).append('=')
                        .append(hotspot.getVMOption(flag).getValue());
            }
            return out.toString();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
