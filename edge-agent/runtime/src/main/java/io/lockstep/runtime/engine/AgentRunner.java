package io.lockstep.runtime.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MutabilityType;
import io.lockstep.runtime.AgentState;
import io.lockstep.runtime.MissionAbortedException;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.host.AgentHost;
import io.lockstep.runtime.host.HostAbi;
import io.lockstep.runtime.host.HostFunctions;
import io.lockstep.runtime.wasm.MeteringPass;

/**
 * One agent's Chicory instance and lifecycle: runs its exports under the per-tick fuel budget, turns every
 * trap into a deterministic fault and computes the agent's digest.
 */
final class AgentRunner {
    private final AgentHost host;
    private final RuntimeLimits limits;
    private final Instance instance;
    private final DirtyPageMemory memory;
    private final ExportFunction alloc;
    private final ExportFunction init;
    private final ExportFunction tick;
    private final ExportFunction onMessage;
    private final GlobalInstance fuel;
    private final GlobalInstance depth;
    private final boolean hasStart;

    private AgentState state = AgentState.RUNNING;
    private String fault = "";
    private long fuelUsed;
    /** Whether the agent ran in the current tick (or init); fuel of its last run, for status once it stops. */
    private boolean ran;
    private long lastRunFuel;
    private boolean memoryDigestValid;
    private int memoryCrc;

    AgentRunner(AgentHost host, LoadedModule module, RuntimeLimits limits) {
        this.host = host;
        this.limits = limits;
        try {
            this.instance = module.instanceBuilder()
                    .withImportValues(ImportValues.builder().withFunctions(HostFunctions.bind(host)).build()).build();
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw new ModuleRejectedException(host.name(), "cannot instantiate: " + ModuleChecks.describe(e), e);
        }
        this.memory = (DirtyPageMemory) instance.memory();
        this.alloc = instance.export("lockstep_alloc");
        this.init = instance.export("lockstep_init");
        this.tick = instance.export("lockstep_tick");
        this.onMessage = module.hasOnMessage() ? instance.export(HostAbi.ON_MESSAGE.name()) : null;
        this.fuel = instance.exports().global(MeteringPass.FUEL_EXPORT);
        this.depth = instance.exports().global(MeteringPass.DEPTH_EXPORT);
        this.hasStart = module.hasStart();
    }

    AgentHost host() {
        return host;
    }

    String name() {
        return host.name();
    }

    AgentState state() {
        return state;
    }

    String fault() {
        return fault;
    }

    long fuelUsed() {
        return fuelUsed;
    }

    /**
     * The fuel status reports show: this tick's, or for a DONE or FAULTED agent that no longer runs, that of the
     * last tick (or init) it ran in. Not part of the digest, whose fuel is this tick's (0 when not run).
     */
    long reportedFuel() {
        return ran ? fuelUsed : lastRunFuel;
    }

    boolean running() {
        return state == AgentState.RUNNING;
    }

    boolean acceptsMessages() {
        return onMessage != null;
    }

    /** Runs the start function (its own budget), checks the ABI version, then init with a fresh budget. */
    void initialize(byte[] params) {
        memoryDigestValid = false;
        fuelUsed = 0;
        ran = true;
        if (hasStart) {
            beginBudget();
            Long started = call(instance.export(MeteringPass.START_EXPORT));
            fuelUsed = spent();
            if (started == null) {
                return;
            }
        }
        beginBudget();
        Long version = call(instance.export("lockstep_abi_version"));
        if (version == null) {
            fuelUsed += spent();
            return;
        }
        if (version.intValue() != HostAbi.VERSION) {
            throw new ModuleRejectedException(host.name(), "lockstep_abi_version returned " + version.intValue()
                    + ", this node supports ABI version " + HostAbi.VERSION);
        }
        Integer ptr = copyIn(params);
        if (ptr == null) {
            fuelUsed += spent();
            return;
        }
        Long rc = call(init, ptr, params.length);
        fuelUsed += spent();
        if (rc != null && rc.intValue() != 0) {
            faultWith("INIT_FAILED");
        }
    }

    /** Starts a tick: resets host per-tick state and the fuel budget. */
    void beginTick() {
        host.beginTick();
        memoryDigestValid = false;
        fuelUsed = 0;
        ran = true;
        beginBudget();
    }

    /** A tick in which this (DONE or FAULTED) agent does not run: no outputs, no fuel, memory unchanged. */
    void skipTick() {
        host.beginTick();
        if (ran) {
            lastRunFuel = fuelUsed;
        }
        ran = false;
        fuelUsed = 0;
    }

    /** Delivers one message through lockstep_on_message; false when the agent faulted. */
    boolean deliver(byte[] topic, byte[] data) {
        byte[] both = new byte[topic.length + data.length];
        System.arraycopy(topic, 0, both, 0, topic.length);
        System.arraycopy(data, 0, both, topic.length, data.length);
        Integer ptr = copyIn(both);
        if (ptr == null) {
            return false;
        }
        Long rc = call(onMessage, ptr, topic.length, (long) ptr + topic.length, data.length);
        if (rc == null) {
            return false;
        }
        if (rc.intValue() != 0) {
            faultWith("MESSAGE_REJECTED(" + rc.intValue() + ")");
            return false;
        }
        return true;
    }

    /** Calls lockstep_tick and applies its tick code. */
    void tick(long tickNumber) {
        Long rc = call(tick, tickNumber);
        if (rc != null) {
            int code = rc.intValue();
            if (code == 1) {
                state = AgentState.DONE;
            } else if (code < 0) {
                faultWith("AGENT_ERROR(" + code + ")");
            } else if (code != 0) {
                faultWith("BAD_TICK_CODE(" + code + ")");
            }
        }
    }

    /** Records the fuel spent in this tick (call after the last export call of the tick). */
    void endTick() {
        fuelUsed = spent();
    }

    private void beginBudget() {
        fuel.setValue(limits.fuelPerTick());
    }

    private long spent() {
        long left = fuel.getValue();
        return left < 0 ? limits.fuelPerTick() : limits.fuelPerTick() - left;
    }

    /** Allocates with lockstep_alloc and copies bytes in; null when the agent faulted. */
    private Integer copyIn(byte[] bytes) {
        Long ptr = call(alloc, bytes.length);
        if (ptr == null) {
            return null;
        }
        long p = ptr & 0xFFFF_FFFFL;
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        if (p == 0 || p + bytes.length > size) {
            faultWith(p == 0 ? "ALLOC_FAILED" : "ALLOC_OUT_OF_BOUNDS");
            return null;
        }
        memory.write((int) p, bytes);
        return (int) p;
    }

    /** Calls an export; on a trap faults the agent and returns null. */
    private Long call(ExportFunction fn, long... args) {
        depth.setValue(0);
        try {
            long[] result = fn.apply(args);
            return result == null || result.length == 0 ? 0L : result[0];
        } catch (ChicoryInterruptedException e) {
            // An abort from outside (AgentThread.abort), not a trap of the agent: the tick has no result.
            throw new MissionAbortedException("the mission run was aborted while agent " + host.name() + " ran");
        } catch (StackOverflowError e) {
            // Last resort only: the injected depth limit normally trips first, deterministically.
            faultWith("STACK_OVERFLOW");
        } catch (RuntimeException | AssertionError e) {
            faultWith(classify(e));
        }
        return null;
    }

    private String classify(Throwable e) {
        if (fuel.getValue() < 0) {
            return "FUEL_EXHAUSTED";
        }
        if ((int) depth.getValue() > limits.maxCallDepth()) {
            return "CALL_DEPTH_EXCEEDED";
        }
        return "TRAP(" + TrapKinds.of(e) + ")";
    }

    void faultWith(String reason) {
        state = AgentState.FAULTED;
        fault = reason;
    }

    /** This agent's digest for the current tick. */
    AgentDigest digest(long outputsHash) {
        if (!memoryDigestValid) {
            memoryCrc = memory.crc32c();
            memoryDigestValid = true;
        }
        Digest64 values = new Digest64();
        for (int i = 0; i < instance.globalCount(); i++) {
            GlobalInstance g = instance.global(i);
            if (g.getMutabilityType() == MutabilityType.Var) {
                values.i64(g.getValueLow());
            }
        }
        long globalsHash = values.value();
        return new AgentDigest(state, fault, fuelUsed, host.progressPermille(), memory.pages(), memoryCrc,
                globalsHash, host.kv().digest(), outputsHash);
    }

    /** This instance's memory as it is now; taken before any code ran, it is the module's fresh memory. */
    FreshMemory freshMemory() {
        return FreshMemory.of(memory.copy());
    }

    /** A copy of the whole linear memory. */
    byte[] memoryCopy() {
        return memory.copy();
    }

    /** Captures this agent for a snapshot; its memory as the runs that differ from {@code fresh}. */
    AgentStateData capture(FreshMemory fresh) {
        long[] globals = new long[instance.globalCount()];
        for (int i = 0; i < globals.length; i++) {
            globals[i] = instance.global(i).getValueLow();
        }
        SnapshotMemory image = new SnapshotMemory(memory.pages(), fresh.sha256(),
                memory.runsDifferingFrom(fresh.image()), memory.crc32c());
        return new AgentStateData(host.name(), state, fault, host.progressPermille(), host.rng().state(),
                host.lastEmitSeq(), image, globals, new java.util.TreeMap<>(host.kv().entries()), reportedFuel());
    }

    /**
     * Restores a snapshot into this fresh instance (no code ran yet, so its memory is {@code fresh}): the runs
     * are applied over the snapshot's base and the whole memory is checked against the snapshot's CRC32C.
     */
    void restore(AgentStateData data, FreshMemory fresh) {
        SnapshotMemory image = data.memory();
        int current = memory.pages();
        if (image.pages() < current) {
            throw new IllegalStateException("snapshot of " + host.name() + " has " + image.pages()
                    + " pages, fewer than the fresh instance's " + current);
        }
        if (!memory.sameAs(fresh.image())) {
            throw new IllegalStateException("cannot restore " + host.name() + ": its instance already ran");
        }
        if (image.baseSha256() == null) {
            memory.zero();
        } else if (!java.util.Arrays.equals(image.baseSha256(), fresh.sha256())) {
            throw new IllegalStateException("snapshot of " + host.name() + " was taken over another fresh memory"
                    + " than this module's (SHA-256 " + java.util.HexFormat.of().formatHex(image.baseSha256()) + ")");
        }
        if (image.pages() > current && memory.grow(image.pages() - current) < 0) {
            throw new IllegalStateException("cannot grow memory of " + host.name() + " to " + image.pages());
        }
        for (MemoryRun run : image.runs()) {
            memory.write(run.offset(), run.data());
        }
        memory.markAll();
        if (memory.crc32c() != image.crc32c()) {
            throw new IllegalStateException("restored memory of " + host.name() + " does not match its snapshot's"
                    + " CRC32C");
        }
        if (data.globals().length != instance.globalCount()) {
            throw new IllegalStateException("snapshot of " + host.name() + " has " + data.globals().length
                    + " globals, the module has " + instance.globalCount());
        }
        for (int i = 0; i < data.globals().length; i++) {
            GlobalInstance g = instance.global(i);
            if (g.getMutabilityType() == MutabilityType.Var) {
                g.setValue(data.globals()[i]);
            }
        }
        host.kv().restore(data.kv());
        host.restore(data.rngState(), data.progressPermille(), data.lastEmitSeq());
        state = data.state();
        fault = data.fault();
        fuelUsed = 0;
        ran = false;
        // A DONE or FAULTED agent never runs again: status keeps showing the fuel of its last run.
        lastRunFuel = data.reportedFuel();
        memoryDigestValid = false;
    }
}
