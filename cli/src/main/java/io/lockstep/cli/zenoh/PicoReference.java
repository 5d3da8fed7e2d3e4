package io.lockstep.cli.zenoh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The same measurements with zenoh-pico's z_pub_thr/z_sub_thr and z_ping/z_pong, when ZENOH_PICO_EXAMPLES points
 * at the built examples.
 */
final class PicoReference {
    record Result(double throughput64, double rttP50, double rttP99) {
    }

    private final Path examples;
    private final Consumer<String> log;

    private PicoReference(Path examples, Consumer<String> log) {
        this.examples = examples;
        this.log = log;
    }

    /** Null (with the reason logged) when the reference cannot be run here. */
    static PicoReference locate(Consumer<String> log) {
        String dir = System.getenv("ZENOH_PICO_EXAMPLES");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path p = Path.of(dir);
        for (String exe : List.of("z_pub_thr", "z_sub_thr", "z_ping", "z_pong")) {
            if (!Files.isExecutable(p.resolve(exe))) {
                log.accept("zenoh-pico reference unavailable: " + p.resolve(exe) + " is not executable");
                return null;
            }
        }
        return new PicoReference(p, log);
    }

    Result measure(long windowMs, int rttSamples) throws IOException, InterruptedException {
        return new Result(throughput64(windowMs), rtt(rttSamples)[0], rtt(rttSamples)[1]);
    }

    private static String endpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp/127.0.0.1:" + s.getLocalPort();
        }
    }

    private Process start(String exe, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", examples.resolve(exe).toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<Double> numbers(Process p, long millis) throws IOException, InterruptedException {
        List<Double> out = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        synchronized (out) {
                            out.add(Double.parseDouble(line.trim()));
                        }
                    } catch (NumberFormatException ignored) {
                        // banner lines such as "Opening session..."
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (millis > 0) {
            Thread.sleep(millis);
        } else {
            p.waitFor(120, TimeUnit.SECONDS);
            reader.join(5_000);
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    private double throughput64(long windowMs) throws IOException, InterruptedException {
        String ep = endpoint();
        Process sub = start("z_sub_thr", "-m", "peer", "-l", ep, "-f", "2");
        Thread.sleep(500);
        Process pub = start("z_pub_thr", "-m", "peer", "-e", ep, "-s", "64");
        try {
            List<Double> rates = numbers(sub, windowMs + 2_000);
            if (rates.isEmpty()) {
                throw new IOException("z_sub_thr printed no rates");
            }
            // z_sub_thr 1.9.0 often reports a single interval before the flood stalls it: take its best interval,
            // which can only favour the reference.
            double best = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            log.accept(String.format("zenoh-pico throughput 64 B: %,.0f msg/s (best of %d intervals)", best, rates.size()));
            return best;
        } finally {
            pub.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            sub.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private double[] cachedRtt;

    private double[] rtt(int samples) throws IOException, InterruptedException {
        if (cachedRtt != null) {
            return cachedRtt;
        }
        String ep = endpoint();
        Process pong = start("z_pong", "-m", "peer", "-l", ep);
        Thread.sleep(500);
        Process ping = start("z_ping", "-m", "peer", "-e", ep, "-s", "64", "-n", Integer.toString(samples), "-w", "1000");
        try {
            List<Double> us = numbers(ping, 0);
            if (us.isEmpty()) {
                throw new IOException("z_ping printed no round trips");
            }
            double[] sorted = us.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            cachedRtt = new double[] {sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)]};
            log.accept(String.format("zenoh-pico round trip 64 B: p50 %.1f µs, p99 %.1f µs", cachedRtt[0], cachedRtt[1]));
            return cachedRtt;
        } finally {
            ping.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            pong.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
