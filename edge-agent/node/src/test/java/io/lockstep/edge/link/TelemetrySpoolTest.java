package io.lockstep.edge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.proto.v1.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetrySpoolTest {

    @TempDir
    Path dir;

    private static Telemetry at(long tick) {
        return Telemetry.newBuilder().setTick(tick).build();
    }

    private static List<Long> ticks(List<Telemetry> samples) {
        return samples.stream().map(Telemetry::getTick).toList();
    }

    @Test
    void boundedWithADropCounterAndDrainedInOrder() {
        try (TelemetrySpool spool = new TelemetrySpool(dir.resolve("t"), 3)) {
            for (long t = 1; t <= 5; t++) {
                spool.add(at(t));
            }
            assertEquals(2, spool.dropped());
            assertEquals(List.of(3L, 4L, 5L), ticks(spool.drain()));
            assertEquals(0, spool.size());
        }
    }

    @Test
    void survivesARestartAndIgnoresATornTail() throws IOException {
        Path file = dir.resolve("t");
        try (TelemetrySpool spool = new TelemetrySpool(file, 10)) {
            spool.add(at(1));
            spool.add(at(2));
        }
        Files.write(file, new byte[] {1, 0, 0}, StandardOpenOption.APPEND);
        try (TelemetrySpool reopened = new TelemetrySpool(file, 10)) {
            assertEquals(List.of(1L, 2L), ticks(reopened.drain()));
        }
        try (TelemetrySpool drained = new TelemetrySpool(file, 10)) {
            assertEquals(0, drained.size());
        }
    }
}
