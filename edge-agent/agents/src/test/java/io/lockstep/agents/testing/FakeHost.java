package io.lockstep.agents.testing;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A minimal, recording implementation of the ABI v1 host functions for behaviour tests of single
 * agents. It is deliberately not the Lockstep runtime: no grants, fuel or journaling, only the
 * documented argument and return conventions, so that the agents are checked against the ABI text.
 */
public final class FakeHost {

    public static final int EINVAL = -1;
    public static final int EDENIED = -2;
    public static final int ETOOBIG = -3;
    public static final int ENOTFOUND = -4;

    public record LogLine(int level, String message) {
    }

    public record Emitted(String topic, String data) {
    }

    public record Velocity(double vx, double vy, int result) {
    }

    /** A model the scout may call: returns the outputs, or a negative ABI code to return. */
    public interface Model {
        float[] run(String name, float[] inputs);
    }

    public final List<LogLine> logs = new ArrayList<>();
    public final List<Integer> progress = new ArrayList<>();
    public final List<Emitted> emitted = new ArrayList<>();
    public final List<Velocity> velocities = new ArrayList<>();
    public final List<float[]> inferInputs = new ArrayList<>();
    public final Map<String, byte[]> kv = new TreeMap<>();

    private long randState;
    private double[] areaXy = new double[0];
    private byte[] sensorFrame;
    private Predicate<String> topicGranted = topic -> true;
    private Model model = (name, inputs) -> {
        throw new IllegalStateException("no model configured");
    };
    private int inferError;

    public FakeHost(long randSeed) {
        this.randState = randSeed;
    }

    public FakeHost area(double... xyPairs) {
        this.areaXy = xyPairs.clone();
        return this;
    }

    public FakeHost sensorFrame(byte[] frame) {
        this.sensorFrame = frame;
        return this;
    }

    public FakeHost topicGranted(Predicate<String> granted) {
        this.topicGranted = granted;
        return this;
    }

    public FakeHost model(Model model) {
        this.model = model;
        this.inferError = 0;
        return this;
    }

    /** Makes every infer call fail with the given negative code. */
    public FakeHost inferFails(int code) {
        this.inferError = code;
        return this;
    }

    public String kvText(String key) {
        byte[] value = kv.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    public List<String> logMessages() {
        return logs.stream().map(LogLine::message).toList();
    }

    /** The SplitMix64 step the runtime's rand_u64 uses (here seeded directly). */
    public long nextRandom() {
        randState += 0x9e3779b97f4a7c15L;
        long z = randState;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public HostFunction[] functions() {
        return new HostFunction[] {
            fn("log", List.of(ValType.I32, ValType.I32, ValType.I32), (inst, a) -> {
                logs.add(new LogLine((int) a[0], string(inst.memory(), a[1], a[2])));
                return 0;
            }),
            new HostFunction("lockstep", "rand_u64", FunctionType.returning(ValType.I64),
                    (inst, a) -> new long[] {nextRandom()}),
            fn("progress", List.of(ValType.I32), (inst, a) -> {
                progress.add(Math.max(0, Math.min(1000, (int) a[0])));
                return 0;
            }),
            fn("area_vertices", List.of(ValType.I32, ValType.I32), (inst, a) -> {
                int count = areaXy.length / 2;
                if (count <= (int) a[1]) {
                    for (int i = 0; i < areaXy.length; i++) {
                        inst.memory().writeF64((int) a[0] + 8 * i, areaXy[i]);
                    }
                }
                return count;
            }),
            fn("kv_get", List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), (inst, a) -> {
                byte[] value = kv.get(string(inst.memory(), a[0], a[1]));
                if (value == null) {
                    return ENOTFOUND;
                }
                inst.memory().write((int) a[2], value, 0, Math.min(value.length, (int) a[3]));
                return value.length;
            }),
            fn("kv_put", List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), (inst, a) -> {
                String key = string(inst.memory(), a[0], a[1]);
                byte[] value = inst.memory().readBytes((int) a[2], (int) a[3]);
                if (value.length == 0) {
                    kv.remove(key);
                } else {
                    kv.put(key, value);
                }
                return 0;
            }),
            fn("sensor_read", List.of(ValType.I32, ValType.I32), (inst, a) -> {
                if (sensorFrame == null) {
                    throw new IllegalStateException("sensor_read called but the test set no frame");
                }
                if (sensorFrame.length > (int) a[1]) {
                    return ETOOBIG;
                }
                inst.memory().write((int) a[0], sensorFrame);
                return sensorFrame.length;
            }),
            fn("act_velocity", List.of(ValType.F64, ValType.F64), (inst, a) -> {
                double vx = Double.longBitsToDouble(a[0]);
                double vy = Double.longBitsToDouble(a[1]);
                int result = Double.isFinite(vx) && Double.isFinite(vy) ? 0 : EINVAL;
                velocities.add(new Velocity(vx, vy, result));
                return result;
            }),
            fn("emit", List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), (inst, a) -> {
                String topic = string(inst.memory(), a[0], a[1]);
                if (!topicGranted.test(topic)) {
                    return EDENIED;
                }
                emitted.add(new Emitted(topic, string(inst.memory(), a[2], a[3])));
                return 0;
            }),
            fn("infer", List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                    (inst, a) -> infer(inst, a)),
        };
    }

    private int infer(Instance inst, long[] a) {
        String name = string(inst.memory(), a[0], a[1]);
        float[] inputs = new float[(int) a[3]];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = inst.memory().readFloat((int) a[2] + 4 * i);
        }
        inferInputs.add(inputs);
        if (inferError != 0) {
            return inferError;
        }
        float[] outputs = model.run(name, inputs);
        if (outputs.length > (int) a[5]) {
            return ETOOBIG;
        }
        for (int i = 0; i < outputs.length; i++) {
            // The runtime quantizes outputs to multiples of 2^-16; do the same.
            float quantized = (float) (Math.rint(outputs[i] * 65536.0) / 65536.0);
            inst.memory().writeF32((int) a[4] + 4 * i, quantized);
        }
        return outputs.length;
    }

    private interface IntHandler {
        int apply(Instance instance, long[] args);
    }

    private static HostFunction fn(String name, List<ValType> params, IntHandler handler) {
        return new HostFunction("lockstep", name, FunctionType.of(params, List.of(ValType.I32)),
                (inst, args) -> new long[] {handler.apply(inst, args)});
    }

    private static String string(Memory memory, long ptr, long len) {
        return memory.readString((int) ptr, (int) len, StandardCharsets.UTF_8);
    }

    /** Encodes a sensor frame (layout version 1). */
    public static byte[] frame(long tick, double x, double y, double vx, double vy, int flags, double... ranges) {
        ByteBuffer b = ByteBuffer.allocate(56 + 8 * ranges.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(tick).putDouble(x).putDouble(y).putDouble(vx).putDouble(vy).putDouble(1.0);
        b.putInt(flags).putInt(ranges.length);
        for (double r : ranges) {
            b.putDouble(r);
        }
        return b.array();
    }
}
