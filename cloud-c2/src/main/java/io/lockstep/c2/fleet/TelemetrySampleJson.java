package io.lockstep.c2.fleet;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lockstep.c2.redis.JsonCodec;
import io.lockstep.proto.v1.Telemetry;
import java.time.Instant;

/**
 * A telemetry sample as the JSON that {@link TelemetryHistory} and the node view read back as
 * {@link TelemetrySample}, written by hand: the intake writes up to 100,000 of them a second and a general
 * object mapper costs several times more. Non-finite numbers (which plain JSON cannot hold) go through the
 * codec so they are stored exactly as before.
 */
final class TelemetrySampleJson {

    private TelemetrySampleJson() {
    }

    static String of(Telemetry sample, long receivedAtMs, JsonCodec fallback) {
        double x = sample.getXM();
        double y = sample.getYM();
        double vx = sample.getVxMps();
        double vy = sample.getVyMps();
        double battery = sample.getBatteryFraction();
        Instant receivedAt = Instant.ofEpochMilli(receivedAtMs);
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(vx) && Double.isFinite(vy)
                && Double.isFinite(battery))) {
            return fallback.write(new TelemetrySample(sample.getMissionId(), sample.getTick(), x, y, vx, vy, battery,
                    receivedAt));
        }
        StringBuilder out = new StringBuilder(192);
        out.append("{\"missionId\":\"");
        JsonStringEncoder.getInstance().quoteAsString(sample.getMissionId(), out);
        out.append("\",\"tick\":").append(sample.getTick())
                .append(",\"xM\":").append(x)
                .append(",\"yM\":").append(y)
                .append(",\"vxMps\":").append(vx)
                .append(",\"vyMps\":").append(vy)
                .append(",\"batteryFraction\":").append(battery)
                .append(",\"receivedAt\":\"").append(receivedAt).append("\"}");
        return out.toString();
    }
}
