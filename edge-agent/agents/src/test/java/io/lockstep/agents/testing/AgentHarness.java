package io.lockstep.agents.testing;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.lockstep.agents.ExampleAgents;
import java.nio.charset.StandardCharsets;

/**
 * One agent instance on Chicory's interpreter wired to a {@link FakeHost}: the calling sequence of
 * ABI v1 (instantiate, abi version, alloc + init, ticks) without the Lockstep runtime.
 */
public final class AgentHarness {

    /** Thrown by the instruction budget: the guest ran longer than the test allows. */
    public static final class BudgetExceeded extends RuntimeException {
        public final long instructions;

        BudgetExceeded(long instructions) {
            super("guest exceeded its budget of " + instructions + " instructions");
            this.instructions = instructions;
        }
    }

    private final Instance instance;

    private AgentHarness(Instance instance) {
        this.instance = instance;
    }

    public static AgentHarness load(String agent, FakeHost host) {
        return load(agent, host, 0, null);
    }

    /**
     * Instantiates (running the start function) the named packaged agent.
     *
     * @param instructionBudget when positive, every call into the guest counts instructions and
     *     throws {@link BudgetExceeded} past this many (over the instance's whole life)
     * @param limits memory limits replacing the module's own (like a mission's page cap), or null
     */
    public static AgentHarness load(String agent, FakeHost host, long instructionBudget, MemoryLimits limits) {
        WasmModule module = Parser.parse(ExampleAgents.bytes(agent));
        Instance.Builder builder = Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(host.functions()).build());
        if (limits != null) {
            builder.withMemoryLimits(limits);
        }
        if (instructionBudget > 0) {
            builder.withUnsafeExecutionListener(budget(instructionBudget));
        }
        return new AgentHarness(builder.build());
    }

    private static ExecutionListener budget(long limit) {
        long[] executed = {0};
        return (instruction, stack) -> {
            if (++executed[0] > limit) {
                throw new BudgetExceeded(limit);
            }
        };
    }

    public Instance instance() {
        return instance;
    }

    public int abiVersion() {
        return (int) instance.export("lockstep_abi_version").apply()[0];
    }

    /** Hands the params to the agent through its own lockstep_alloc, as the runtime does. */
    public int init(String params) {
        byte[] bytes = params.getBytes(StandardCharsets.UTF_8);
        int ptr = (int) instance.export("lockstep_alloc").apply(bytes.length)[0];
        if (ptr == 0) {
            throw new IllegalStateException("lockstep_alloc(" + bytes.length + ") returned 0");
        }
        instance.memory().write(ptr, bytes);
        return (int) instance.export("lockstep_init").apply(ptr, bytes.length)[0];
    }

    public int tick(long tick) {
        return (int) instance.export("lockstep_tick").apply(tick)[0];
    }

    /** Node-provided keys first, then the mission parameters, as the ABI orders them. */
    public static String params(String agent, String node, String... missionParams) {
        StringBuilder sb = new StringBuilder()
                .append("agent=").append(agent)
                .append("\nmission=m-test")
                .append("\nnode=").append(node)
                .append("\nshare_index=0\nshare_count=1");
        for (String p : missionParams) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
