package io.lockstep.cli.zenoh;

import java.util.Locale;
import java.util.Map;

/** The numbers of one {@code bench mesh} run, as a table and as mesh.json. */
record MeshBenchReport(Map<String, Double> throughput, MeshBenchmark.Rtt rtt, PicoReference.Result pico,
        String picoUnavailableReason, int cores) {

    String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %18s %18s%n", "measure (loopback TCP, " + cores + " cores)", "Lockstep", "zenoh-pico"));
        throughput.forEach((size, rate) -> sb.append(String.format(Locale.ROOT, "%-34s %18.0f %18s%n",
                "throughput " + size + " B (msg/s)", rate,
                size.equals("64") && pico != null ? String.format(Locale.ROOT, "%.0f", pico.throughput64()) : "-")));
        sb.append(String.format(Locale.ROOT, "%-34s %18.1f %18s%n", "round trip 64 B p50 (µs)", rtt.p50(),
                pico != null ? String.format(Locale.ROOT, "%.1f", pico.rttP50()) : "-"));
        sb.append(String.format(Locale.ROOT, "%-34s %18.1f %18s%n", "round trip 64 B p99 (µs)", rtt.p99(),
                pico != null ? String.format(Locale.ROOT, "%.1f", pico.rttP99()) : "-"));
        if (pico == null) {
            sb.append("zenoh-pico reference unavailable: ").append(picoUnavailableReason).append('\n');
        } else {
            sb.append(String.format(Locale.ROOT, "target 64 B throughput >= pico: %s (%.2fx)%n",
                    throughputMet() ? "met" : "MISSED", throughput.get("64") / pico.throughput64()));
            sb.append(String.format(Locale.ROOT, "target RTT p50 <= 1.5x pico: %s (%.2fx)%n",
                    rttMet() ? "met" : "MISSED", rtt.p50() / pico.rttP50()));
        }
        return sb.toString();
    }

    boolean throughputMet() {
        return pico != null && throughput.get("64") >= pico.throughput64();
    }

    boolean rttMet() {
        return pico != null && rtt.p50() <= 1.5 * pico.rttP50();
    }

    String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"machine\": {\"cores\": ").append(cores).append(", \"java\": \"")
                .append(System.getProperty("java.version")).append("\"},\n");
        sb.append("  \"throughput_msgs_per_s\": {");
        int i = 0;
        for (Map.Entry<String, Double> e : throughput.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(Math.round(e.getValue()));
        }
        sb.append("},\n");
        sb.append(String.format(Locale.ROOT, "  \"rtt_us\": {\"p50\": %.1f, \"p99\": %.1f},%n", rtt.p50(), rtt.p99()));
        if (pico == null) {
            sb.append("  \"reference\": {\"available\": false, \"reason\": \"")
                    .append(picoUnavailableReason.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}\n");
        } else {
            sb.append(String.format(Locale.ROOT, "  \"reference\": {\"available\": true, \"implementation\": \"zenoh-pico 1.9.0\", "
                    + "\"throughput_msgs_per_s\": {\"64\": %d}, \"rtt_us\": {\"p50\": %.1f, \"p99\": %.1f}},%n",
                    Math.round(pico.throughput64()), pico.rttP50(), pico.rttP99()));
            sb.append("  \"targets\": {\"throughput_64_ge_pico\": ").append(throughputMet())
                    .append(", \"rtt_p50_le_1_5x_pico\": ").append(rttMet()).append("}\n");
        }
        return sb.append("}\n").toString();
    }
}
