package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates the example and test modules (bit flips, byte overwrites, truncation, splices, LEB-looking
 * bytes) and loads and runs each mutant for a few ticks. Every case must end in a refusal or in a normal tick
 * result (possibly with faults): never another exception, a hang or a crash. Cases: -Dlockstep.fuzz.cases.
 */
class ModuleFuzzTest {
    private static final int CASES = Integer.getInteger("lockstep.fuzz.cases", 2000);
    private static final RuntimeLimits LIMITS = RuntimeLimits.defaults().withFuelPerTick(50_000).withMaxMemoryPages(32);

    @Test
    void mutatedModulesAreRefusedOrRunWithoutCrashing() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of("hello", "survey", "hazard-scout", "pathplan", "hostile-nan-storm")) {
            seeds.add(ExampleAgents.bytes(name));
        }
        for (String name : List.of("echo", "minimal", "multi", "nan", "recurse", "traps", "membomb")) {
            seeds.add(TestAgents.wasm(name));
        }
        SplittableRandom random = new SplittableRandom(0x10c5_7e9L);
        int refused = 0;
        int ran = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            // Compilation is slow; every 25th case also runs compiled to cover that path.
            ExecutionMode mode = i % 25 == 0 ? ExecutionMode.COMPILED : ExecutionMode.INTERPRETER;
            try {
                runFewTicks(mutant, mode);
                ran++;
            } catch (ModuleRejectedException e) {
                assertTrue(e.getMessage().startsWith("agent 'fuzz' refused: "), e.getMessage());
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + " (" + mode + ") crashed the runtime", e);
            }
        }
        assertEquals(CASES, refused + ran);
        // Semantic mutations keep a good share of the mutants valid, so execution is exercised, not only parsing.
        assertTrue(refused > 0 && ran > CASES / 10, "refused " + refused + ", ran " + ran);
    }

    private static void runFewTicks(byte[] module, ExecutionMode mode) {
        CapabilityGrant all = new CapabilityGrant(
                List.of("sensor_read", "act_velocity", "emit", "infer"), List.of("**"), List.of("hazard"), List.of());
        try (MissionRuntime rt = MissionRuntime.builder().missionId("fuzz").nodeId("n").executionMode(mode)
                .limits(LIMITS).assignedArea(new double[] {0, 0, 10, 0, 10, 10})
                .agent(new AgentDefinition("fuzz", module, List.of(), all)).build()) {
            for (int t = 1; t <= 3; t++) {
                TickResult r = rt.tick(TestAgents.frame(t));
                assertEquals(t, r.tick());
            }
        }
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        if (random.nextBoolean()) {
            return mutateSemantically(b, random);
        }
        int kind = random.nextInt(6);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = 8 + random.nextInt(b.length - 8);
            switch (kind) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = (byte) (0x80 | random.nextInt(128));
                case 3 -> b[at] = (byte) new int[] {0x00, 0x0B, 0x40, 0x7F, 0xFF, 0x10, 0x0C}[random.nextInt(7)];
                case 4 -> {
                    return java.util.Arrays.copyOf(b, 8 + random.nextInt(b.length - 8));
                }
                default -> {
                    int from = 8 + random.nextInt(b.length - 8);
                    int len = Math.min(1 + random.nextInt(16), b.length - Math.max(at, from));
                    System.arraycopy(seed, from, b, at, Math.max(0, Math.min(len, b.length - from)));
                }
            }
        }
        return b;
    }

    /**
     * Mutations that often keep the module valid: swap an i32/i64 arithmetic or i32 comparison opcode for
     * another of the same shape, or change the low bits of an i32.const immediate. Bytes that only look like
     * these opcodes (inside immediates or names) get changed too, which is fine for a fuzzer.
     */
    private static byte[] mutateSemantically(byte[] b, SplittableRandom random) {
        int[][] families = {{0x6A, 0x78}, {0x7C, 0x8A}, {0x46, 0x4F}};
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int start = 8 + random.nextInt(b.length - 8);
            for (int k = 0; k < b.length - 8; k++) {
                int at = 8 + (start - 8 + k) % (b.length - 8);
                int v = b[at] & 0xFF;
                if (random.nextBoolean() && v == 0x41 && at + 1 < b.length) {
                    b[at + 1] = (byte) ((b[at + 1] & 0x80) | random.nextInt(128));
                    break;
                }
                int[] family = java.util.Arrays.stream(families).filter(f -> v >= f[0] && v <= f[1]).findFirst()
                        .orElse(null);
                if (family != null) {
                    b[at] = (byte) (family[0] + random.nextInt(family[1] - family[0] + 1));
                    break;
                }
            }
        }
        return b;
    }
}
