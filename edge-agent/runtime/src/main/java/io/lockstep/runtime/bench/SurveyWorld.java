package io.lockstep.runtime.bench;

import io.lockstep.runtime.SensorFrame;
import io.lockstep.runtime.TickInputs;
import io.lockstep.runtime.TickResult;

/**
 * A minimal deterministic world for survey missions: one vehicle that takes the commanded velocity, moves
 * 10 ms per tick, and a 16-beam range sensor with a few fixed returns.
 */
final class SurveyWorld {
    static final double DT = 0.01;
    private double x = 1;
    private double y = 1;
    private double vx;
    private double vy;
    private long tick;

    TickInputs next() {
        tick++;
        double[] ranges = new double[16];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = i % 4 == 0 ? 12.5 + i : Double.POSITIVE_INFINITY;
        }
        SensorFrame frame = new SensorFrame(tick, x, y, vx, vy, 1.0 - tick * 1e-6, SensorFrame.FLAG_LINK_UP, ranges);
        return TickInputs.builder().sensorFrame(frame.encode()).build();
    }

    void apply(TickResult result) {
        result.velocityCommand().ifPresent(v -> {
            vx = v.vx();
            vy = v.vy();
        });
        x += vx * DT;
        y += vy * DT;
    }
}
