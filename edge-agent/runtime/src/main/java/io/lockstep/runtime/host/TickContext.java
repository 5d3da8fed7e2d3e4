package io.lockstep.runtime.host;

import io.lockstep.runtime.Velocity;

/** Node-wide state host functions share during one tick (or during init). */
public final class TickContext {
    private final double[] area;
    private InferenceGateway inference;
    private byte[] sensorFrame = new byte[0];
    private Velocity lastVelocity;
    private int inferenceCalls;

    public TickContext(double[] area, InferenceGateway inference) {
        this.area = area.clone();
        this.inference = inference;
    }

    /** Resets per-tick state and installs the tick's sensor frame. */
    public void begin(byte[] frame) {
        sensorFrame = frame;
        lastVelocity = null;
        inferenceCalls = 0;
    }

    public void inference(InferenceGateway gateway) {
        this.inference = gateway;
    }

    public InferenceGateway inference() {
        return inference;
    }

    public byte[] sensorFrame() {
        return sensorFrame;
    }

    public double[] area() {
        return area;
    }

    public Velocity lastVelocity() {
        return lastVelocity;
    }

    void velocity(Velocity v) {
        lastVelocity = v;
    }

    void countInference() {
        inferenceCalls++;
    }

    public int inferenceCalls() {
        return inferenceCalls;
    }
}
