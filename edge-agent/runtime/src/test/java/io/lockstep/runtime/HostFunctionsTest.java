package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockstep.runtime.engine.MissionEngine;
import io.lockstep.runtime.engine.MissionSetup;
import io.lockstep.runtime.engine.TickOutcome;
import io.lockstep.runtime.host.HostCodes;
import io.lockstep.runtime.host.LiveInference;
import io.lockstep.runtime.host.SplitMix64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every host function's success and error codes (docs/agent-abi.md), in both modes. */
class HostFunctionsTest {

    private static final InferenceService MODEL = (model, input) -> {
        if (input.length == 0) {
            throw new InferenceException("model needs input");
        }
        return new float[] {input[0] * 3, 1f / 3};
    };

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void returnCodesFollowTheAbi(ExecutionMode mode) {
        AgentDefinition agent = new AgentDefinition("h", TestAgents.wasm("hostcalls"), List.of(),
                new CapabilityGrant(List.of("sensor_read", "act_velocity", "emit", "infer"), List.of("ok/**"),
                        List.of("m"), List.of()));
        LiveInference live = new LiveInference(MODEL);
        MissionSetup setup = new MissionSetup("m-1", "n", List.of(agent), new double[] {0, 0, 10, 0, 10, 10, 0, 10},
                0, 1, RuntimeLimits.defaults(), mode, new long[] {SplitMix64.seed("m-1", "h")});
        try (MissionEngine engine = new MissionEngine(setup, live, live::drain)) {
            engine.initialize();
            TickOutcome out = engine.tick(io.lockstep.runtime.engine.CanonicalInputs.of(1, TestAgents.frame(1)));
            ByteBuffer mem = ByteBuffer.wrap(engine.memoryCopy(0)).order(ByteOrder.LITTLE_ENDIAN);
            int[] expected = {
                HostCodes.OK, HostCodes.EINVAL, HostCodes.EINVAL,                         // log
                HostCodes.OK, HostCodes.EDENIED, HostCodes.EINVAL, HostCodes.ETOOBIG,     // emit
                HostCodes.ENOTFOUND, HostCodes.OK, 8, HostCodes.ETOOBIG, HostCodes.EINVAL, // kv
                HostCodes.ETOOBIG, 80,                                                     // sensor_read
                HostCodes.EINVAL, HostCodes.EINVAL, HostCodes.OK,                          // act_velocity
                4, 4,                                                                      // area_vertices
                2, HostCodes.EDENIED, HostCodes.ETOOBIG, HostCodes.EUNAVAILABLE,           // infer
                HostCodes.OK, HostCodes.ELIMIT, HostCodes.OK, HostCodes.ENOTFOUND};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], mem.getInt(4 * i), "call " + i);
            }
            assertEquals("ok/t", new String(engine.memoryCopy(0), 1024, 4,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0.9f, mem.getFloat(3200), 1e-4);
            assertEquals(0, Math.IEEEremainder(mem.getFloat(3200) * 65536.0, 1.0), 1e-9, "quantized to 2^-16");
            assertEquals(21845.0 / 65536, mem.getFloat(3204), 0);
            assertEquals(10.0, mem.getDouble(4096 + 16), 0, "second vertex x");
            TickResult r = out.result();
            assertEquals(new Velocity(2, -3), r.velocityCommand().orElseThrow());
            assertEquals(1000, r.agents().get(0).progressPermille());
            assertEquals(64, r.emitted().size());
            assertEquals(3, r.inferenceCalls(), "the denied model is never asked");
            assertEquals(1, r.logs().size());
            assertEquals(3, out.inference().size());
            assertEquals(HostCodes.EUNAVAILABLE, out.inference().get(2).code());
        }
    }
}
