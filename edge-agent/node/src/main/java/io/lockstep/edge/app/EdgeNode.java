package io.lockstep.edge.app;

import io.lockstep.edge.command.CommandDispatcher;
import io.lockstep.edge.link.Backoff;
import io.lockstep.edge.link.C2Link;
import io.lockstep.edge.link.ChannelFactory;
import io.lockstep.edge.link.CommandLedger;
import io.lockstep.edge.link.LinkListener;
import io.lockstep.edge.link.LinkState;
import io.lockstep.edge.link.Outbox;
import io.lockstep.edge.link.TelemetrySpool;
import io.lockstep.edge.mesh.MeshSenderCheck;
import io.lockstep.edge.mesh.MeshSessionConfig;
import io.lockstep.edge.os.ThreadNice;
import io.lockstep.edge.safety.SafetyThreads;
import io.lockstep.edge.mesh.MeshTls;
import io.lockstep.edge.mesh.ZenohPeerMesh;
import io.lockstep.edge.safety.NodeEstopReport;
import io.lockstep.edge.mission.BlobCache;
import io.lockstep.edge.mission.BlobFetcher;
import io.lockstep.edge.mission.AgentLogRing;
import io.lockstep.edge.mission.HostInputs;
import io.lockstep.edge.mission.AssignmentSignatureCheck;
import io.lockstep.edge.mission.MissionExecutor;
import io.lockstep.edge.mission.MissionLoader;
import io.lockstep.edge.mission.MissionReporter;
import io.lockstep.edge.mission.MissionStore;
import io.lockstep.edge.mission.MissionView;
import io.lockstep.edge.mission.NodeServices;
import io.lockstep.edge.mission.PeerMesh;
import io.lockstep.edge.swarm.SwarmChannel;
import io.lockstep.edge.mission.TickRing;
import io.lockstep.edge.safety.EmergencyStopLatch;
import io.lockstep.edge.safety.InterventionReporter;
import io.lockstep.mesh.api.Config;
import io.lockstep.mesh.api.Zenoh;
import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.InvalidWorldException;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.sim.WorldFile;
import io.lockstep.platform.vehicle.Vehicle;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.NodeCapabilities;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import io.lockstep.edge.tracing.NodeTracing;
import io.lockstep.edge.tracing.TracedInference;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * One edge node, assembled from plain parts: the persisted link state (outbox, spool, command
 * ledger), the C2 link, the simulated vehicle behind its safety supervisor, and the mission
 * executor. The Quarkus application starts one; tests can start several in one JVM.
 */
public final class EdgeNode implements AutoCloseable {

    public static final String SOFTWARE_VERSION = "0.1.0";
    public static final int ABI_VERSION = 1;
    /** Host functions of agent ABI v1 this node provides (advertised in Hello). */
    static final List<String> HOST_FUNCTIONS = List.of("log", "rand_u64", "progress", "area_vertices", "kv_get",
            "kv_put", "sensor_read", "act_velocity", "emit", "infer");

    private final NodeSettings settings;
    private final Outbox outbox;
    private final TelemetrySpool spool;
    private final CommandLedger ledger;
    private final io.lockstep.edge.link.StatusVersions statusVersions;
    private final Vehicle vehicle;
    private final SafetySupervisor supervisor;
    private final TickRing ticks;
    private final AgentLogRing agentLogs = new AgentLogRing(AgentLogRing.DEFAULT_CAPACITY);
    private final HostInputs hostInputs = new HostInputs();
    private final C2Link link;
    private final BlobFetcher blobs;
    private final io.lockstep.edge.journal.JournalUploader journals;
    private final MissionStore store;
    private final MissionExecutor executor;
    private final CommandDispatcher dispatcher;
    private final ZenohPeerMesh mesh;
    private final EmergencyStopLatch estopLatch;
    private final OnnxInferenceFactory inference;
    private final SafetyThreads safetyThreads;

    /** Instrumentation scope of the node's spans. */
    public static final String TRACER = "io.lockstep.edge";

    private EdgeNode(NodeSettings settings, OpenTelemetry otel, NodeTracing tracing,
            AssignmentSignatureCheck signatures) {
        this.settings = settings;
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + settings.dataDir(), e);
        }
        World world = loadWorld(settings);
        this.outbox = new Outbox(settings.dataDir().resolve("link/outbox.log"), settings.outboxMaxEntries());
        this.spool = new TelemetrySpool(settings.dataDir().resolve("link/telemetry.spool"), settings.spoolMaxEntries());
        this.ledger = new CommandLedger(settings.dataDir().resolve("link/commands.ledger"));
        this.statusVersions = new io.lockstep.edge.link.StatusVersions(settings.dataDir().resolve("link/status-version"));
        Vec2 start = new Vec2(settings.startX().orElse(world.base().x()), settings.startY().orElse(world.base().y()));
        long noiseSeed = settings.nodeId().hashCode();
        SimulatedVehicle simulated = new SimulatedVehicle(world, SimulatedVehicleConfig.defaults(noiseSeed), start,
                settings.startBattery());
        this.vehicle = simulated;
        SafetyConfig safety = SafetyConfig.defaults().withBatteryReserve(settings.batteryReserve());
        this.supervisor = new SafetySupervisor(vehicle, safety, world.base());
        this.estopLatch = new EmergencyStopLatch(supervisor, settings.dataDir().resolve("safety/estop-latched"));
        this.ticks = new TickRing(settings.tickRingSize());
        this.inference = new OnnxInferenceFactory(settings.inferenceGpu());
        this.store = new MissionStore(settings.dataDir());
        BlobCache cache = new BlobCache(settings.dataDir().resolve("blobs"));

        this.link = new C2Link(settings.link(), new ChannelFactory(settings.link()), outbox, spool, this::hello,
                this::heartbeat, new Listener(), new Backoff(settings.link().backoffInitialMillis(),
                        settings.link().backoffMaxMillis(), new SecureRandom()));
        this.blobs = new BlobFetcher(cache, link::requestBlobChunk);
        this.journals = new io.lockstep.edge.journal.JournalUploader(link::sendNow, store::journalPath,
                io.lockstep.edge.journal.JournalUploader.DEFAULT_CHUNK_BYTES);
        ThreadNice priority = new ThreadNice(settings.mesh().enabled() ? settings.mesh().threadNice() : 0,
                settings.mesh().safetyThreadsRealTimePriority());
        // Serial GC pauses run on the VM thread and stop every thread, the mesh's too: it gets the same priority.
        priority.raiseThreadsNamed("VM Thread");
        this.safetyThreads = new SafetyThreads(settings.nodeId(), priority);
        this.mesh = settings.mesh().enabled() ? openMesh(settings, priority, supervisor, otel,
                this::currentMissionId,
                () -> simulated.state().position()) : null;
        MissionReporter reporter = new MissionReporter() {
            @Override
            public void status(StatusUpdate update) {
                // Stamped and queued together, so versions reach C2 in the order of the outbox.
                synchronized (statusVersions) {
                    link.sendStatus(update.toBuilder().setStatusVersion(statusVersions.next()).build());
                }
            }

            @Override
            public void telemetry(Telemetry sample) {
                link.sendTelemetry(sample);
            }

            @Override
            public boolean linkUp() {
                return link.state() == LinkState.CONNECTED;
            }
        };
        NodeServices services = new NodeServices(vehicle, supervisor, estopLatch::clear, reporter, mesh == null ? PeerMesh.NONE : mesh, new TracedInference(inference, tracing), hostInputs, ticks, agentLogs, otel.getTracer("io.lockstep.edge"),
                settings.nodeId(), settings.executionMode(), settings.runtimeWorkers(), settings.tickPeriodMs(),
                settings.telemetryHz(), settings.deadmanMissedPeriods(), settings.blobTimeoutMs(), System::currentTimeMillis,
                mesh == null ? SwarmChannel.NONE : mesh.swarm(), settings.mesh().settleMillis());
        MissionLoader loader = new MissionLoader(blobs, cache, store, services, settings.snapshotEvery());
        this.executor = new MissionExecutor(services, store, loader, settings.snapshotEvery(),
                settings.agentMemoryBudgetBytes(), signatures);
        executor.setTracing(tracing);
        new InterventionReporter(supervisor, hostInputs, reporter, executor::view, System::currentTimeMillis).install();
        estopLatch.install();
        if (mesh != null) {
            // C2's stop arrives on the link's thread, of normal priority: it goes out on a safety thread instead.
            executor.setFleetStop((reason, latch) -> safetyThreads.run(() -> mesh.stopPeersFromC2ThenLatch(reason, latch)));
        }
        this.dispatcher = new CommandDispatcher(ledger, executor, link::sendAck);
        executor.onMissionFinished(journals::upload);
    }

    /** Builds the node, resumes an interrupted mission if there is one, and starts dialling C2. */
    public static EdgeNode start(NodeSettings settings, OpenTelemetry otel) {
        return start(settings, otel, AssignmentSignatureCheck.unpinned());
    }

    /** @param signatures the pinned C2 mission signing key every assignment must be signed with (or none) */
    public static EdgeNode start(NodeSettings settings, OpenTelemetry otel, AssignmentSignatureCheck signatures) {
        return start(settings, otel, new NodeTracing(otel.getTracer(TRACER), NodeTracing.DEFAULT_TICK_SAMPLE_EVERY),
                signatures);
    }

    /** @param tracing the node's spans, with the tick sampling rate of lockstep.node.tracing.tick-sample-every */
    public static EdgeNode start(NodeSettings settings, OpenTelemetry otel, NodeTracing tracing,
            AssignmentSignatureCheck signatures) {
        EdgeNode node = new EdgeNode(settings, otel, tracing, signatures);
        node.executor.recover();
        node.link.start();
        return node;
    }

    /** The running mission's id, "" when none (or while the node is still being built). */
    private String currentMissionId() {
        MissionExecutor e = executor;
        return e == null ? "" : e.view().map(MissionView::missionId).orElse("");
    }

    private static ZenohPeerMesh openMesh(NodeSettings settings, ThreadNice priority, SafetySupervisor supervisor,
            OpenTelemetry otel,
            java.util.function.Supplier<String> mission, java.util.function.Supplier<Vec2> position) {
        Config config = MeshSessionConfig.of(settings.mesh(), priority);
        try {
            MeshSenderCheck senders = MeshTls.apply(settings.mesh(), config, settings.nodeId());
            return NodeHazards.mesh(Zenoh.open(config), settings.nodeId(), priority, supervisor, senders,
                    otel.getTracer("io.lockstep.edge"), mission, position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Zenoh mesh session", e);
        }
    }

    private static World loadWorld(NodeSettings settings) {
        try {
            return settings.world().isPresent() ? WorldFile.load(settings.world().get()) : WorldFile.demo();
        } catch (InvalidWorldException e) {
            throw new IllegalArgumentException("invalid world file " + settings.world().orElse(null) + ": "
                    + e.getMessage(), e);
        }
    }

    private Hello hello() {
        return Hello.newBuilder()
                .setNodeId(settings.nodeId())
                .setSoftwareVersion(SOFTWARE_VERSION)
                .setAbiVersion(ABI_VERSION)
                .setCapabilities(NodeCapabilities.newBuilder()
                        .addAllHostFunctions(HOST_FUNCTIONS)
                        .setGpu(inference.gpuAdvertised())
                        .setMaxAgents(io.lockstep.edge.mission.MissionPlan.MAX_AGENTS)
                        .setVehicleKind(vehicle.kind())
                        .setAgentMemoryBudgetBytes(settings.agentMemoryBudgetBytes()))
                .setLastAppliedCommandSeq(ledger.lastApplied())
                .build();
    }

    private Heartbeat heartbeat() {
        Heartbeat.Builder b = Heartbeat.newBuilder();
        executor.view().ifPresent(v -> b.setMissionId(v.missionId()).setTick(Math.max(0, v.tick())).setState(v.state()));
        b.setEstopLatch(NodeEstopReport.of(supervisor));
        if (mesh != null) {
            io.lockstep.edge.hazard.NodeHazardReport.addTo(b, mesh.hazards().known());
        }
        return b.build();
    }

    private final class Listener implements LinkListener {
        @Override
        public void onCommand(C2ToEdge command) {
            dispatcher.dispatch(command);
        }

        @Override
        public void onBlob(Blob blob) {
            blobs.onBlob(blob);
        }

        @Override
        public void onJournal(C2ToEdge message) {
            if (message.hasJournalRequest()) {
                journals.upload(message.getJournalRequest().getMissionId());
            } else {
                journals.onAck(message.getJournalAck());
            }
        }

        @Override
        public void onLinkState(LinkState state) {
            if (state == LinkState.CONNECTED) {
                blobs.onLinkUp();
                journals.onLinkUp();
            }
        }
    }

    public NodeSettings settings() {
        return settings;
    }

    public io.lockstep.edge.journal.JournalUploader journals() {
        return journals;
    }

    public C2Link link() {
        return link;
    }

    public MissionExecutor executor() {
        return executor;
    }

    public SafetySupervisor supervisor() {
        return supervisor;
    }

    public EmergencyStopLatch estopLatch() {
        return estopLatch;
    }

    public Vehicle vehicle() {
        return vehicle;
    }

    public TickRing ticks() {
        return ticks;
    }

    public AgentLogRing agentLogs() {
        return agentLogs;
    }

    public Outbox outbox() {
        return outbox;
    }

    public TelemetrySpool spool() {
        return spool;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    public MissionStore store() {
        return store;
    }

    /** Where an operator's e-stop and hazard run: at the mesh threads' priority ({@code lockstep.mesh.thread-nice}). */
    public SafetyThreads safetyThreads() {
        return safetyThreads;
    }

    /** The mesh, when {@code lockstep.mesh.enabled}. */
    public Optional<ZenohPeerMesh> mesh() {
        return Optional.ofNullable(mesh);
    }

    public Optional<MissionView> mission() {
        return executor.view();
    }

    /** Stops the node; a running mission is left resumable (not ended), as after a power cut. */
    @Override
    public void close() {
        executor.close();
        dispatcher.close();
        link.close();
        journals.close();
        if (mesh != null) {
            mesh.close();
        }
        safetyThreads.close();
        outbox.close();
        spool.close();
        ledger.close();
        statusVersions.close();
    }
}
