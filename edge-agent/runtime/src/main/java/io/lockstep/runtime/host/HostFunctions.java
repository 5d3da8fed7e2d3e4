package io.lockstep.runtime.host;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.lockstep.runtime.Velocity;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code lockstep} host functions of ABI v1, bound to one agent's {@link AgentHost}. */
public final class HostFunctions {
    private HostFunctions() {
    }

    /** One Chicory host function per ABI entry. Ungranted ones are never linked: the loader refuses them. */
    public static List<ImportFunction> bind(AgentHost host) {
        List<ImportFunction> functions = new ArrayList<>();
        for (Map.Entry<String, HostAbi.HostFunctionSpec> e : HostAbi.FUNCTIONS.entrySet()) {
            HostAbi.HostFunctionSpec spec = e.getValue();
            functions.add(new HostFunction(HostAbi.MODULE, spec.name(),
                    FunctionType.of(valTypes(spec.params()), valTypes(spec.results())), handle(spec.name(), host)));
        }
        return functions;
    }

    private static List<ValType> valTypes(byte[] types) {
        List<ValType> out = new ArrayList<>();
        for (byte t : types) {
            out.add(switch (t) {
                case 0x7F -> ValType.I32;
                case 0x7E -> ValType.I64;
                case 0x7D -> ValType.F32;
                case 0x7C -> ValType.F64;
                default -> throw new IllegalArgumentException("host ABI uses only numeric types");
            });
        }
        return out;
    }

    private static WasmFunctionHandle handle(String name, AgentHost host) {
        return switch (name) {
            case "log" -> (inst, args) -> i32(log(host, inst.memory(), args));
            case "rand_u64" -> (inst, args) -> new long[] {host.rng().next()};
            case "progress" -> (inst, args) -> {
                host.progress((int) args[0]);
                return i32(HostCodes.OK);
            };
            case "area_vertices" -> (inst, args) -> i32(areaVertices(host, inst.memory(), args));
            case "kv_get" -> (inst, args) -> i32(kvGet(host, inst.memory(), args));
            case "kv_put" -> (inst, args) -> i32(kvPut(host, inst.memory(), args));
            case "sensor_read" -> (inst, args) -> i32(sensorRead(host, inst.memory(), args));
            case "act_velocity" -> (inst, args) -> i32(actVelocity(host, args));
            case "emit" -> (inst, args) -> i32(emit(host, inst.memory(), args));
            case "infer" -> (inst, args) -> i32(infer(host, inst, args));
            default -> throw new IllegalArgumentException("no handler for host function " + name);
        };
    }

    private static long[] i32(int value) {
        return new long[] {value};
    }

    private static int log(AgentHost host, Memory memory, long[] args) {
        int level = (int) args[0];
        if (level < 0 || level > 3 || !GuestMemory.inBounds(memory, args[1], args[2])) {
            return HostCodes.EINVAL;
        }
        int len = (int) Math.min(args[2] & 0xFFFF_FFFFL, AgentHost.MAX_LOG_BYTES);
        byte[] bytes = memory.readBytes((int) args[1], len);
        // Truncation may split a character; the replacement character keeps the line readable.
        host.log(level, new String(bytes, StandardCharsets.UTF_8));
        return HostCodes.OK;
    }

    private static int areaVertices(AgentHost host, Memory memory, long[] args) {
        int max = (int) args[1];
        double[] area = host.tick().area();
        int count = area.length / 2;
        if (max < 0) {
            return HostCodes.EINVAL;
        }
        if (count > max) {
            return count;
        }
        if (!GuestMemory.inBounds(memory, args[0], 16L * count)) {
            return HostCodes.EINVAL;
        }
        ByteBuffer buf = ByteBuffer.allocate(16 * count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : area) {
            buf.putDouble(v);
        }
        memory.write((int) args[0], buf.array());
        return count;
    }

    private static int kvGet(AgentHost host, Memory memory, long[] args) {
        String key = readUtf8(memory, args[0], args[1]);
        if (key == null || key.isEmpty() || !GuestMemory.inBounds(memory, args[2], args[3]) || (int) args[3] < 0) {
            return HostCodes.EINVAL;
        }
        byte[] value = host.kv().get(key);
        if (value == null) {
            return HostCodes.ENOTFOUND;
        }
        int n = Math.min(value.length, (int) args[3]);
        memory.write((int) args[2], value, 0, n);
        return value.length;
    }

    private static int kvPut(AgentHost host, Memory memory, long[] args) {
        if (!GuestMemory.inBounds(memory, args[0], args[1]) || !GuestMemory.inBounds(memory, args[2], args[3])) {
            return HostCodes.EINVAL;
        }
        if ((args[1] & 0xFFFF_FFFFL) > KvStore.MAX_KEY_BYTES || (args[3] & 0xFFFF_FFFFL) > KvStore.MAX_VALUE_BYTES) {
            return HostCodes.ETOOBIG;
        }
        String key = readUtf8(memory, args[0], args[1]);
        if (key == null || key.isEmpty()) {
            return HostCodes.EINVAL;
        }
        return host.kv().put(key, memory.readBytes((int) args[2], (int) args[3]));
    }

    private static int sensorRead(AgentHost host, Memory memory, long[] args) {
        byte[] frame = host.tick().sensorFrame();
        int cap = (int) args[1];
        if (cap < 0 || !GuestMemory.inBounds(memory, args[0], cap)) {
            return HostCodes.EINVAL;
        }
        if (frame.length > cap) {
            return HostCodes.ETOOBIG;
        }
        memory.write((int) args[0], frame);
        return frame.length;
    }

    private static int actVelocity(AgentHost host, long[] args) {
        double vx = Double.longBitsToDouble(args[0]);
        double vy = Double.longBitsToDouble(args[1]);
        if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
            return HostCodes.EINVAL;
        }
        host.velocity(new Velocity(vx, vy));
        return HostCodes.OK;
    }

    private static int emit(AgentHost host, Memory memory, long[] args) {
        long topicLen = args[1] & 0xFFFF_FFFFL;
        long dataLen = args[3] & 0xFFFF_FFFFL;
        if (!GuestMemory.inBounds(memory, args[0], topicLen) || !GuestMemory.inBounds(memory, args[2], dataLen)) {
            return HostCodes.EINVAL;
        }
        if (topicLen > AgentHost.MAX_TOPIC_BYTES || dataLen > AgentHost.MAX_EMIT_BYTES) {
            return HostCodes.ETOOBIG;
        }
        String topic = readUtf8(memory, args[0], topicLen);
        if (topic == null || !KeyExpressions.isConcrete(topic)) {
            return HostCodes.EINVAL;
        }
        if (host.grant().emitTopics().stream().noneMatch(p -> KeyExpressions.matches(p, topic))) {
            return HostCodes.EDENIED;
        }
        if (!host.emitQuotaLeft()) {
            return HostCodes.ELIMIT;
        }
        host.emit(topic, memory.readBytes((int) args[2], (int) dataLen));
        return HostCodes.OK;
    }

    private static int infer(AgentHost host, Instance instance, long[] args) {
        Memory memory = instance.memory();
        long inCount = args[3] & 0xFFFF_FFFFL;
        long outCap = args[5] & 0xFFFF_FFFFL;
        if ((args[1] & 0xFFFF_FFFFL) > 256 || !GuestMemory.inBounds(memory, args[2], inCount * 4)
                || !GuestMemory.inBounds(memory, args[4], outCap * 4)) {
            return HostCodes.EINVAL;
        }
        String model = readUtf8(memory, args[0], args[1]);
        if (model == null) {
            return HostCodes.EINVAL;
        }
        if (!host.grant().models().contains(model)) {
            return HostCodes.EDENIED;
        }
        if (inCount > LiveInference.MAX_OUTPUTS) {
            return HostCodes.ETOOBIG;
        }
        float[] input = new float[(int) inCount];
        int base = (int) args[2];
        for (int i = 0; i < input.length; i++) {
            input[i] = memory.readFloat(base + 4 * i);
        }
        host.countInference();
        InferenceRecord r = host.tick().inference().infer(host.index(), model, input);
        if (r.code() < 0) {
            return r.code();
        }
        if (r.outputs().length > outCap) {
            return HostCodes.ETOOBIG;
        }
        int out = (int) args[4];
        for (int i = 0; i < r.outputs().length; i++) {
            memory.writeF32(out + 4 * i, r.outputs()[i]);
        }
        return r.outputs().length;
    }

    /** The UTF-8 string at (ptr, len), or null when out of bounds or invalid UTF-8. */
    private static String readUtf8(Memory memory, long ptr, long len) {
        if (!GuestMemory.inBounds(memory, ptr, len) || (len & 0xFFFF_FFFFL) > 1 << 20) {
            return null;
        }
        byte[] bytes = memory.readBytes((int) ptr, (int) len);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
