package io.lockstep.runtime.engine;

import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.AgentSnapshot;
import io.lockstep.runtime.EmittedMessage;
import io.lockstep.runtime.InputEvent;
import io.lockstep.runtime.LogEntry;
import io.lockstep.runtime.Parameter;
import io.lockstep.runtime.PeerMessage;
import io.lockstep.runtime.TickResult;
import io.lockstep.runtime.Velocity;
import io.lockstep.runtime.host.AgentHost;
import io.lockstep.runtime.host.InferenceGateway;
import io.lockstep.runtime.host.InferenceRecord;
import io.lockstep.runtime.host.KeyExpressions;
import io.lockstep.runtime.host.TickContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deterministic core: runs the mission's agents in their fixed order, tick by tick, on canonical inputs,
 * delivers messages emitted at tick t at t+1, and chains a SHA-256 fingerprint over every tick. It knows
 * nothing about wall-clock time, journals or where inference results come from.
 */
public final class MissionEngine implements AutoCloseable {
    /** Topic prefix under which C2 commands are delivered to subscribers. */
    public static final String COMMAND_TOPIC_PREFIX = "lockstep/command/";
    /** Topic prefix under which host events are delivered to subscribers. */
    public static final String EVENT_TOPIC_PREFIX = "lockstep/event/";

    private static final Comparator<LocalMessage> DELIVERY_ORDER = Comparator.comparing(LocalMessage::sender)
            .thenComparingLong(LocalMessage::seq).thenComparing(LocalMessage::topic);

    private final MissionSetup setup;
    private final TickContext context;
    private final List<AgentRunner> runners = new ArrayList<>();
    private final Supplier<List<InferenceRecord>> inferenceLog;
    private final AgentThread thread;
    private final TickWorkers workers;
    private final List<int[]> lanes;
    /** Each agent's fresh memory (shared by the agents of one module): the base of its snapshot runs. */
    private final FreshMemory[] fresh;
    /** Agent names in UTF-8, hashed into every fingerprint. */
    private final byte[][] nameBytes;
    private List<LocalMessage> pending = List.of();
    private long tick;
    private byte[] fingerprint = new byte[32];

    /**
     * Loads and instantiates every agent (no code runs yet).
     *
     * @param inferenceLog returns, and forgets, the inference calls made since it was last called
     * @throws io.lockstep.runtime.ModuleRejectedException when a module is refused
     */
    public MissionEngine(MissionSetup setup, InferenceGateway inference, Supplier<List<InferenceRecord>> inferenceLog) {
        this(setup, inference, inferenceLog, TickWorkers.defaultCount());
    }

    /**
     * @param workers threads that run the agents of one tick (the agent thread included); results do not
     *                depend on it
     */
    public MissionEngine(MissionSetup setup, InferenceGateway inference, Supplier<List<InferenceRecord>> inferenceLog,
                         int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("worker count must be at least 1, got " + workers);
        }
        this.setup = setup;
        this.context = new TickContext(setup.area(), inference);
        this.inferenceLog = inferenceLog;
        List<AgentDefinition> agents = setup.agents();
        long[] seeds = setup.rngSeeds();
        this.fresh = new FreshMemory[agents.size()];
        Map<LoadedModule, FreshMemory> freshByModule = new IdentityHashMap<>();
        for (int i = 0; i < agents.size(); i++) {
            AgentDefinition def = agents.get(i);
            LoadedModule module = ModuleLoader.load(def, setup.limits(), setup.mode());
            AgentHost host = new AgentHost(i, def.name(), def.grant(), seeds[i], context);
            AgentRunner runner = new AgentRunner(host, module, setup.limits());
            runners.add(runner);
            fresh[i] = freshByModule.computeIfAbsent(module, m -> runner.freshMemory());
        }
        this.thread = new AgentThread("lockstep-agents-" + setup.missionId(), setup.limits().maxCallDepth());
        this.lanes = AgentLanes.of(setup.agents());
        this.nameBytes = new byte[runners.size()][];
        for (int i = 0; i < runners.size(); i++) {
            nameBytes[i] = runners.get(i).name().getBytes(StandardCharsets.UTF_8);
        }
        this.workers = new TickWorkers("lockstep-agents-" + setup.missionId(), Math.min(workers, lanes.size()),
                AgentThread.stackBytes(setup.limits().maxCallDepth()));
    }

    public MissionSetup setup() {
        return setup;
    }

    public long currentTick() {
        return tick;
    }

    /** Replaces the inference source (live service or journal). */
    public void inference(InferenceGateway gateway) {
        context.inference(gateway);
    }

    /**
     * Runs start functions, checks ABI versions and calls {@code lockstep_init}: "tick 0".
     *
     * @throws io.lockstep.runtime.ModuleRejectedException on a wrong ABI version
     */
    public TickOutcome initialize() {
        return thread.run(this::initializeOnAgentThread);
    }

    private TickOutcome initializeOnAgentThread() {
        context.begin(new byte[0]);
        AgentResults results = runAgents(r -> {
            r.host().beginTick();
            r.initialize(initParams(r.host().index()));
        });
        return finish(new byte[0], List.of(), results);
    }

    /** Each agent's outputs digest and agent digest after a step, by run-order index. */
    private record AgentResults(long[] outputs, AgentDigest[] digests) {
    }

    /**
     * Runs {@code step} for every agent on the tick workers and digests each agent on the thread that ran it
     * (the memory hash is a large part of a tick). Lanes keep the agents that share an order-sensitive
     * service (inference) in run order; nothing else is shared.
     */
    private AgentResults runAgents(java.util.function.Consumer<AgentRunner> step) {
        long[] outputs = new long[runners.size()];
        AgentDigest[] digests = new AgentDigest[runners.size()];
        workers.runAll(lanes.size(), lane -> {
            for (int i : lanes.get(lane)) {
                thread.checkNotAborted();
                AgentRunner r = runners.get(i);
                step.accept(r);
                outputs[i] = OutputsDigest.of(r.host());
                digests[i] = r.digest(outputs[i]);
            }
        });
        return new AgentResults(outputs, digests);
    }

    private byte[] initParams(int agentIndex) {
        AgentDefinition def = setup.agents().get(agentIndex);
        StringBuilder sb = new StringBuilder();
        sb.append("agent=").append(def.name())
                .append("\nmission=").append(setup.missionId())
                .append("\nnode=").append(setup.nodeId())
                .append("\nshare_index=").append(setup.shareIndex())
                .append("\nshare_count=").append(setup.shareCount());
        for (Parameter p : def.params()) {
            sb.append('\n').append(p.key()).append('=').append(p.value());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs one tick on canonical inputs; {@code inputs.tick()} must be {@link #currentTick()} + 1. */
    public TickOutcome tick(CanonicalInputs inputs) {
        if (inputs.tick() != tick + 1) {
            throw new IllegalArgumentException("expected tick " + (tick + 1) + ", got " + inputs.tick());
        }
        return thread.run(() -> tickOnAgentThread(inputs));
    }

    private TickOutcome tickOnAgentThread(CanonicalInputs inputs) {
        tick = inputs.tick();
        context.begin(inputs.sensorFrame());
        List<Delivery> deliveries = deliveries(inputs);
        long number = tick;
        AgentResults results = runAgents(r -> tickAgent(r, deliveries, number));
        List<EmittedMessage> emitted = new ArrayList<>();
        List<LocalMessage> next = new ArrayList<>();
        for (AgentRunner r : runners) {
            for (EmittedMessage m : r.host().emits()) {
                emitted.add(m);
                next.add(new LocalMessage(m.agent(), m.seq(), m.topic(), m.data()));
            }
        }
        pending = List.copyOf(next);
        return finish(OutputsDigest.inputsBytes(inputs), emitted, results);
    }

    /** One agent's tick: its messages in delivery order, then lockstep_tick; touches only this agent. */
    private static void tickAgent(AgentRunner r, List<Delivery> deliveries, long number) {
        if (!r.running()) {
            r.skipTick();
            return;
        }
        r.beginTick();
        if (r.acceptsMessages()) {
            List<String> subscriptions = r.host().grant().subscribeTopics();
            for (Delivery d : deliveries) {
                if (subscriptions.stream().anyMatch(p -> KeyExpressions.matches(p, d.topic()))
                        && !r.deliver(d.topicBytes(), d.data())) {
                    break;
                }
            }
        }
        if (r.running()) {
            r.tick(number);
        }
        r.endTick();
    }

    private record Delivery(String topic, byte[] topicBytes, byte[] data) {
        static Delivery of(String topic, byte[] data) {
            return new Delivery(topic, topic.getBytes(StandardCharsets.UTF_8), data);
        }
    }

    /** Commands, then host events, then local and peer messages by sender and sequence. */
    private List<Delivery> deliveries(CanonicalInputs inputs) {
        List<Delivery> out = new ArrayList<>();
        for (InputEvent c : inputs.commands()) {
            out.add(Delivery.of(COMMAND_TOPIC_PREFIX + c.kind(), c.data()));
        }
        for (InputEvent e : inputs.hostEvents()) {
            out.add(Delivery.of(EVENT_TOPIC_PREFIX + e.kind(), e.data()));
        }
        List<LocalMessage> messages = new ArrayList<>(pending);
        for (PeerMessage p : inputs.peerMessages()) {
            if (KeyExpressions.isConcrete(p.topic())) {
                messages.add(new LocalMessage(p.sender(), p.seq(), p.topic(), p.data()));
            }
        }
        messages.sort(DELIVERY_ORDER);
        for (LocalMessage m : messages) {
            out.add(Delivery.of(m.topic(), m.data()));
        }
        return out;
    }

    private TickOutcome finish(byte[] inputsBytes, List<EmittedMessage> emitted, AgentResults results) {
        List<AgentDigest> digests = new ArrayList<>(runners.size());
        List<AgentSnapshot> agents = new ArrayList<>(runners.size());
        List<LogEntry> logs = new ArrayList<>();
        MessageDigest sha = Hashing.sha256();
        sha.update(fingerprint);
        sha.update(ByteBuffer.allocate(16).putLong(tick).putLong(Hashing.digest64(inputsBytes)).array());
        ByteBuffer agentBytes = ByteBuffer.allocate(64);
        long outputsDigest = 0;
        Velocity velocity = null;
        int inferenceCalls = 0;
        for (int i = 0; i < runners.size(); i++) {
            AgentRunner r = runners.get(i);
            outputsDigest = outputsDigest * 1_000_003L + results.outputs()[i];
            AgentDigest d = results.digests()[i];
            digests.add(d);
            // Merged in run order: the last agent that requested a velocity wins, as if they ran one by one.
            if (r.host().velocity() != null) {
                velocity = r.host().velocity();
            }
            inferenceCalls += r.host().inferenceCalls();
            agents.add(new AgentSnapshot(r.name(), d.state(), d.fault(), r.reportedFuel(), d.progressPermille()));
            if (!r.host().logs().isEmpty()) {
                logs.addAll(r.host().logs());
            }
            sha.update(nameBytes[i]);
            if (!d.fault().isEmpty()) {
                sha.update(d.fault().getBytes(StandardCharsets.UTF_8));
            }
            agentBytes.clear();
            agentBytes.putInt(d.state().ordinal()).putLong(d.fuelUsed()).putInt(d.progressPermille())
                    .putInt(d.memoryPages()).putInt(d.memoryCrc()).putLong(d.globalsHash()).putLong(d.kvHash())
                    .putLong(d.outputsHash());
            sha.update(agentBytes.array(), 0, agentBytes.position());
        }
        fingerprint = sha.digest();
        TickResult result = new TickResult(tick, HexFormat.of().formatHex(fingerprint),
                Optional.ofNullable(velocity), emitted, agents, inferenceCalls, logs);
        return new TickOutcome(result, digests, inferenceLog.get(), fingerprint.clone(), outputsDigest);
    }

    /** Lower-case hex fingerprint after the last completed tick (tick 0: init), or after a restore. */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint);
    }

    /**
     * Captures every agent on the tick workers (each memory compared with its fresh memory, the differing
     * runs copied); call between ticks.
     */
    public EngineSnapshot snapshot() {
        AgentStateData[] agents = new AgentStateData[runners.size()];
        workers.runAll(runners.size(), i -> agents[i] = runners.get(i).capture(fresh[i]));
        return new EngineSnapshot(tick, fingerprint.clone(), pending, List.of(agents));
    }

    /** A copy of one agent's whole linear memory, by run-order index; call between ticks. */
    public byte[] memoryCopy(int agentIndex) {
        return runners.get(agentIndex).memoryCopy();
    }

    /** Restores a snapshot into this freshly constructed (not initialized) engine. */
    public void restore(EngineSnapshot snapshot) {
        if (snapshot.agents().size() != runners.size()) {
            throw new IllegalArgumentException("snapshot has " + snapshot.agents().size() + " agents, mission has "
                    + runners.size());
        }
        for (int i = 0; i < runners.size(); i++) {
            AgentStateData data = snapshot.agents().get(i);
            if (!data.name().equals(runners.get(i).name())) {
                throw new IllegalArgumentException("snapshot agent " + i + " is " + data.name() + ", mission has "
                        + runners.get(i).name());
            }
            runners.get(i).restore(data, fresh[i]);
        }
        tick = snapshot.tick();
        fingerprint = snapshot.fingerprint().clone();
        pending = List.copyOf(snapshot.pending());
    }

    /**
     * Ends the run from any thread: a tick or init in progress stops within a bounded amount of each agent's
     * own work (the interpreter at its next call or loop header, compiled code when its fuel next crosses a
     * multiple of 65,536; docs/determinism.md), on the agent thread and on every tick worker, and throws {@link io.lockstep.runtime.MissionAbortedException};
     * so does every later one.
     */
    public void abort() {
        thread.abort();
        workers.interruptHelpers();
    }

    /** Stops the tick workers and the agent thread, waiting until agent code has unwound. */
    @Override
    public void close() {
        try {
            workers.close();
        } finally {
            thread.close();
        }
    }

    /** Threads that run the agents of one tick. */
    public int workerCount() {
        return workers.count();
    }

    /** Names of the agents in run order. */
    public List<String> agentNames() {
        return runners.stream().map(AgentRunner::name).toList();
    }
}
