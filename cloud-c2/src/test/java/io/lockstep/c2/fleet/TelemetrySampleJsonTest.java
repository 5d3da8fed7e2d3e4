package io.lockstep.c2.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.proto.v1.Telemetry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The intake's hand-written sample JSON reads back as the same TelemetrySample the codec would have written. */
class TelemetrySampleJsonTest {
    private final JsonCodec codec = new JsonCodec();

    @Test
    void readsBackAsTheSampleTheCodecWrites() {
        Telemetry sample = Telemetry.newBuilder().setMissionId("m-\"quoted\"\\x").setTick(1_234_567_890_123L).setXM(-3.25)
                .setYM(1e-7).setVxMps(123456.789).setVyMps(-0.0).setBatteryFraction(0.74).build();
        long at = 1_764_660_000_123L;
        String json = TelemetrySampleJson.of(sample, at, codec);
        TelemetrySample expected = new TelemetrySample(sample.getMissionId(), sample.getTick(), -3.25, 1e-7, 123456.789,
                -0.0, 0.74, Instant.ofEpochMilli(at));
        assertThat(codec.read(json, TelemetrySample.class)).isEqualTo(expected);
        assertThat(json).isEqualTo(codec.write(expected));
    }

    @Test
    void nonFiniteNumbersGoThroughTheCodec() {
        Telemetry sample = Telemetry.newBuilder().setXM(Double.NaN).setYM(Double.POSITIVE_INFINITY).build();
        String json = TelemetrySampleJson.of(sample, 5, codec);
        assertThat(json).isEqualTo(codec.write(new TelemetrySample("", 0, Double.NaN, Double.POSITIVE_INFINITY, 0, 0, 0,
                Instant.ofEpochMilli(5))));
        assertThat(codec.read(json, TelemetrySample.class).xM()).isNaN();
    }
}
