package io.lockstep.runtime.host;

/**
 * Node-wide state host functions read during one tick (or during init). Agents of one tick may run on
 * different threads, so nothing here is written while they run; per-agent outputs live in {@link AgentHost}.
 */
public final class TickContext {
    private final double[] area;
    private InferenceGateway inference;
    private byte[] sensorFrame = new byte[0];

    public TickContext(double[] area, InferenceGateway inference) {
        this.area = area.clone();
        this.inference = inference;
    }

    /** Resets per-tick state and installs the tick's sensor frame. */
    public void begin(byte[] frame) {
        sensorFrame = frame;
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

}
