package io.lockstep.runtime.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.InferenceService;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.engine.LoadedModule;
import io.lockstep.runtime.engine.ModuleLoader;
import io.lockstep.runtime.host.AgentHost;
import io.lockstep.runtime.host.HostFunctions;
import io.lockstep.runtime.host.LiveInference;
import io.lockstep.runtime.host.TickContext;
import io.lockstep.runtime.wasm.MeteringPass;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Metering overhead: the pathplan module compiled with and without the metering pass (fuel, call depth and
 * NaN canonicalisation), run by the same bare harness so that only the instrumentation differs. Both are
 * instantiated the way the runtime instantiates agents (its memory and, for the metered module, its compiled
 * fuel and depth access), so the figure is the metering cost agents pay.
 */
final class MeteringBench {
    private static final long FUEL = RuntimeLimits.MAX_FUEL_PER_TICK;

    private MeteringBench() {
    }

    /** @param cpuRatios per-round ratios of this thread's CPU time for each side (less sensitive to load) */
    record Timing(double meteredSeconds, double unmeteredSeconds, int ticks, Rounds ratios, Rounds cpuRatios) {
        double ratio() {
            return meteredSeconds / unmeteredSeconds;
        }
    }

    /** Both harnesses are warmed until the JIT has settled ({@link Warmup}), at least {@code warmupTicks}. */
    static Timing measure(int plansPerTick, int ticksPerRound, int warmupTicks, double maxWarmupSeconds, int rounds,
                          Consumer<String> progress) {
        Harness metered = new Harness(true, plansPerTick);
        Harness plain = new Harness(false, plansPerTick);
        // Both run on this thread, so its CPU clock times them without the waits a busy machine adds.
        Warmup.untilSteady(() -> metered.ticks(5), Math.max(1, warmupTicks / 5), maxWarmupSeconds,
                ThreadCpu::currentThread);
        Warmup.untilSteady(() -> plain.ticks(5), Math.max(1, warmupTicks / 5), maxWarmupSeconds,
                ThreadCpu::currentThread);
        double bestMetered = Double.MAX_VALUE;
        double bestPlain = Double.MAX_VALUE;
        double[] ratios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpu = ThreadCpu.currentThread();
            double m = metered.ticks(ticksPerRound);
            long meteredCpu = ThreadCpu.currentThread() - cpu;
            cpu = ThreadCpu.currentThread();
            double p = plain.ticks(ticksPerRound);
            long plainCpu = ThreadCpu.currentThread() - cpu;
            bestMetered = Math.min(bestMetered, m);
            bestPlain = Math.min(bestPlain, p);
            ratios[r] = m / p;
            cpuRatios[r] = (double) meteredCpu / Math.max(1, plainCpu);
            progress.accept(String.format("  metering round %d/%d: metered %.3f s, unmetered %.3f s (this round: "
                    + "wall ratio %.3f, CPU ratio %.3f)", r + 1, rounds, bestMetered, bestPlain, ratios[r], cpuRatios[r]));
        }
        return new Timing(bestMetered, bestPlain, ticksPerRound, Rounds.of(ratios, true), Rounds.of(cpuRatios, true));
    }

    /** One compiled pathplan instance driven directly through its exports. */
    private static final class Harness {
        private final AgentHost host;
        private final ExportFunction tick;
        private final GlobalInstance fuel;
        private long tickNumber;

        Harness(boolean metered, int plansPerTick) {
            byte[] bytes = ExampleAgents.bytes("pathplan");
            // Both sides are instantiated as the runtime does (its memory, its compiler); the metered one is the
            // module the runtime loads, with the fuel and depth accesses it compiles.
            LoadedModule loaded;
            if (metered) {
                loaded = ModuleLoader.load(new AgentDefinition("pathplan", bytes, List.of(), CapabilityGrant.none()),
                        RuntimeLimits.defaults().withFuelPerTick(FUEL), ExecutionMode.COMPILED);
            } else {
                WasmModule module = Parser.parse(bytes);
                loaded = new LoadedModule("", module, MachineFactoryCompiler.compile(module), false, false);
            }
            host = new AgentHost(0, "pathplan", CapabilityGrant.none(), 1,
                    new TickContext(new double[0], new LiveInference(InferenceService.NONE)));
            Instance instance = loaded.instanceBuilder()
                    .withImportValues(ImportValues.builder().withFunctions(HostFunctions.bind(host)).build()).build();
            fuel = metered ? instance.exports().global(MeteringPass.FUEL_EXPORT) : null;
            StringBuilder params = new StringBuilder("agent=pathplan");
            for (Parameter p : PathPlanBench.params(plansPerTick)) {
                params.append('\n').append(p.key()).append('=').append(p.value());
            }
            byte[] paramBytes = params.toString().getBytes(StandardCharsets.UTF_8);
            int ptr = (int) instance.export("lockstep_alloc").apply(paramBytes.length)[0];
            instance.memory().write(ptr, paramBytes);
            if (instance.export("lockstep_init").apply(ptr, paramBytes.length)[0] != 0) {
                throw new IllegalStateException("pathplan init failed");
            }
            tick = instance.export("lockstep_tick");
        }

        /** Runs ticks and returns the seconds taken. */
        double ticks(int count) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                host.beginTick();
                if (fuel != null) {
                    fuel.setValue(FUEL);
                }
                tick.apply(++tickNumber);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
