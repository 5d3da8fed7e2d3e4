package io.lockstep.agents.testing;

import java.util.Random;

/**
 * A 2-D point vehicle for driving the survey agent: it accelerates towards the commanded velocity
 * under an acceleration limit, an optional supervisor clamps the commanded speed, and the position it
 * reports carries Gaussian noise. Deterministic for a given seed.
 */
public final class KinematicWorld {

    private final double dt;
    private final double maxAcceleration;
    private final double supervisorSpeedLimit;
    private final double positionNoise;
    private final Random noise;

    private double x;
    private double y;
    private double vx;
    private double vy;
    private double commandX;
    private double commandY;
    private boolean intervened;

    public KinematicWorld(double x, double y, double dt, double maxAcceleration, double supervisorSpeedLimit,
            double positionNoise, long seed) {
        this.x = x;
        this.y = y;
        this.dt = dt;
        this.maxAcceleration = maxAcceleration;
        this.supervisorSpeedLimit = supervisorSpeedLimit;
        this.positionNoise = positionNoise;
        this.noise = new Random(seed);
    }

    /** The frame the agent reads this tick: noisy position, true velocity. */
    public byte[] frame(long tick) {
        int flags = intervened ? 4 : 0;
        return FakeHost.frame(tick, x + noise.nextGaussian() * positionNoise, y + noise.nextGaussian() * positionNoise,
                vx, vy, flags);
    }

    /** Applies the agent's last command of the tick, then advances the world by one period. */
    public void command(double cx, double cy) {
        double speed = Math.hypot(cx, cy);
        intervened = speed > supervisorSpeedLimit;
        if (intervened) {
            cx *= supervisorSpeedLimit / speed;
            cy *= supervisorSpeedLimit / speed;
        }
        commandX = cx;
        commandY = cy;
    }

    public void step() {
        double dvx = commandX - vx;
        double dvy = commandY - vy;
        double dv = Math.hypot(dvx, dvy);
        double maxDv = maxAcceleration * dt;
        if (dv > maxDv) {
            dvx *= maxDv / dv;
            dvy *= maxDv / dv;
        }
        vx += dvx;
        vy += dvy;
        x += vx * dt;
        y += vy * dt;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double speed() {
        return Math.hypot(vx, vy);
    }
}
