package io.lockstep.swarm.sim;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.World;
import io.lockstep.platform.vehicle.VehicleReadings;
import io.lockstep.runtime.TickResult;
import io.lockstep.swarm.agreement.DivergenceAlert;
import io.lockstep.swarm.allocation.Member;
import io.lockstep.swarm.cells.CellPlan;
import io.lockstep.swarm.cells.CellsEvent;
import io.lockstep.swarm.coverage.CoverageSet;
import io.lockstep.swarm.hazard.DetectionReport;
import io.lockstep.swarm.hazard.HazardKind;
import io.lockstep.swarm.peer.DropReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Runs one fleet on simulated time, like TigerBeetle's VOPR: the seed decides node capabilities, sensor
 * noise, every message's fate and every fault, so the seed (and the commit) reproduce a run exactly.
 * Each tick: fault events, message delivery, liveliness, then every live node in id order reads its
 * vehicle, runs its agent, works its cell and publishes; then the vehicles move and the invariants are
 * checked. Nothing here reads a clock.
 */
public final class FleetSimulator {

    /** Spacing of a mission's simulated vehicles at the base (the CLI's local fleets use the same). */
    static final double FLEET_START_SPACING_M = 3.0;
    /** Cap on each node's predicted path in a mission simulation's result. */
    static final int PATH_POINTS_PER_NODE = 600;

    private final SimConfig config;
    private final CellPlan plan;
    private final FaultPlan faults;
    private final List<SimNode> nodes = new ArrayList<>();
    private final SimMesh mesh;
    private final SteeringCellWorker worker;
    private final SplittableRandom garbageRandom;
    private final PrintStream progress;
    private final int[][] completions;
    private final List<CoverageSet> fleetKnowledge = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<DivergenceAlert> alerts = new ArrayList<>();
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private long garbageSent;
    private long reconvergedTick = -1;
    private long missionCompleteTick = -1;
    private final java.util.function.LongConsumer onTick;
    /** Mission mode: the mission's agents drive the vehicles and report covered cells, as on a node. */
    private final boolean agentsDrive;
    /** The tick limit is the mission's own max_ticks, where a node completes the mission. */
    private final boolean tickLimitEndsMission;
    /** Mission mode: some agent takes cells (subscribes to swarm.cells), so every cell must be covered. */
    private final boolean agentsWorkCells;
    /** Each cell's bounding box in the local frame, as the node hands it to the agents. */
    private final double[][] cellBoxes;
    /** First tick each cell was reported covered (-1: never) and by which node index. */
    private final long[] cellCoveredTick;
    private final int[] cellCoveredBy;
    private final PredictedPaths paths;
    /** Mission mode: hazards the nodes find and share (null in the built-in runs). */
    private final SimHazards hazards;

    public FleetSimulator(SimConfig config, PrintStream progress) {
        this(config, progress, null, tick -> { });
    }

    /**
     * A run whose nodes fly a real mission's agents ({@code agents}, null: the built-in hello agent);
     * {@code onTick} hears every simulated tick (progress).
     */
    public FleetSimulator(SimConfig config, PrintStream progress, MissionAgents agents,
                          java.util.function.LongConsumer onTick) {
        this.onTick = onTick;
        this.config = config;
        this.plan = config.mission().plan();
        this.faults = FaultPlan.draw(config.faults(), config.seed(), config.nodes(), config.faultWindow());
        this.mesh = new SimMesh(config.seed(), config.faults(), this::connected);
        this.worker = new SteeringCellWorker(plan, config.mission().frame(), config.mission().speedMps());
        this.agentsDrive = agents != null;
        this.tickLimitEndsMission = agents != null && agents.tickLimitEndsMission();
        this.agentsWorkCells = agents != null && agents.agents().stream()
                .anyMatch(a -> a.grant().subscribeTopics().contains(CellsEvent.SUBSCRIPTION));
        this.cellBoxes = boxes(plan, config.mission().frame());
        this.cellCoveredTick = new long[plan.size()];
        java.util.Arrays.fill(cellCoveredTick, -1);
        this.cellCoveredBy = new int[plan.size()];
        this.hazards = agents == null ? null : new SimHazards(config.nodes(), config.mission().tickPeriodMs());
        this.paths = new PredictedPaths(Math.max(1, 1000 / config.mission().tickPeriodMs()), PATH_POINTS_PER_NODE);
        this.garbageRandom = new SplittableRandom(config.seed() ^ 0x6A5BA6EL);
        this.progress = progress;
        this.completions = new int[plan.size()][config.nodes()];
        SplittableRandom setup = new SplittableRandom(config.seed());
        World world = config.mission().resolveWorld();
        for (int i = 0; i < config.nodes(); i++) {
            int capability = 1 + setup.nextInt(2);
            // a mission's nodes start in a row at the base, as a local fleet's do (cli Fleet, 3 m apart)
            Vec2 start = agents == null ? world.base().plus(new Vec2((i % 8) * 1.5, (i / 8) * 1.5))
                    : world.base().plus(new Vec2(i * FLEET_START_SPACING_M, 0));
            SimulatedVehicle vehicle = new SimulatedVehicle(world, SimulatedVehicleConfig.defaults(setup.nextLong())
                    .withBatteryDrain(0, 0), start, 1.0);
            SimNode node = new SimNode(i, config.nodes(), capability, vehicle, plan, config.settleTicks(),
                    config.mode(), config.mission().maxTicks(), config.runAgents(), agents, world.base());
            node.tickSeconds = config.mission().tickSeconds();
            node.assignedArea = localArea(config.mission());
            if (node.supervisor != null) {
                // a node keeps a cell mission's vehicle inside the whole mission area (MissionPlan.geofence)
                node.supervisor.setGeofence(polygon(node.assignedArea));
                int index = i;
                node.supervisor.setKeepOutZones(() -> hazards.zonesOf(index));
            }
            nodes.add(node);
        }
    }

    public CellPlan plan() {
        return plan;
    }

    private static double[][] boxes(CellPlan plan, LocalFrame frame) {
        double[][] boxes = new double[plan.size()][];
        for (io.lockstep.swarm.cells.Cell cell : plan.cells()) {
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (io.lockstep.swarm.cells.PointE7 p : cell.polygon()) {
                Vec2 v = frame.toLocal(p);
                minX = Math.min(minX, v.x());
                minY = Math.min(minY, v.y());
                maxX = Math.max(maxX, v.x());
                maxY = Math.max(maxY, v.y());
            }
            boxes[cell.index()] = new double[] {minX, minY, maxX, maxY};
        }
        return boxes;
    }

    private static io.lockstep.platform.geometry.Polygon polygon(double[] pairs) {
        List<Vec2> vertices = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vertices.add(new Vec2(pairs[i], pairs[i + 1]));
        }
        return new io.lockstep.platform.geometry.Polygon(vertices);
    }

    private static double[] localArea(SimMission mission) {
        double[] pairs = new double[mission.area().size() * 2];
        for (int i = 0; i < mission.area().size(); i++) {
            Vec2 v = mission.frame().toLocal(mission.area().get(i));
            pairs[2 * i] = v.x();
            pairs[2 * i + 1] = v.y();
        }
        return pairs;
    }

    /** The simulated nodes, in id order (read after {@link #run()}). */
    List<SimNode> nodes() {
        return List.copyOf(nodes);
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Runs to completion (every cell done and every live node in agreement after the last fault) or the tick limit. */
    public SimReport run() {
        try {
            long tick = 0;
            for (SimNode n : nodes) {
                n.start(0, 0);
            }
            long maxTicks = config.mission().maxTicks();
            for (; tick < maxTicks; tick++) {
                step(tick);
                onTick.accept(tick);
                if (finished(tick)) {
                    break;
                }
                if (progress != null && tick % 250 == 0 && tick > 0) {
                    progress.printf("  tick %d: %d/%d cells, %d nodes up%n", tick, doneCells(), plan.size(),
                            nodes.stream().filter(n -> n.up).count());
                }
            }
            long ticks = Math.min(tick + 1, maxTicks);
            checkFinal(ticks);
            return SimReport.of(config, plan, faults, ticks, missionCompleteTick, reconvergedTick, completions,
                    nodes, alerts, drops, mesh, garbageSent, violations);
        } finally {
            for (SimNode n : nodes) {
                n.close();
            }
        }
    }

    private void step(long tick) {
        if (hazards != null) {
            hazards.advanceTo(tick);
        }
        applyFaults(tick);
        injectGarbage(tick);
        for (SimMesh.Envelope e : mesh.due(tick)) {
            deliver(e, tick);
        }
        updateLiveliness(tick);
        for (SimNode n : nodes) {
            if (n.up) {
                work(n, tick);
            }
        }
        double dt = config.mission().tickSeconds();
        for (SimNode n : nodes) {
            n.vehicle.advance(dt);
            if (agentsDrive && n.up) {
                paths.record(n.id, tick + 1, n.vehicle.readSensors().position());
            }
        }
        recordKnowledge(tick);
    }

    // ---- faults ------------------------------------------------------------------------------------

    boolean connected(int a, int b, long tick) {
        return nodes.get(a).up && nodes.get(b).up && !faults.partitioned(a, b, tick);
    }

    private void applyFaults(long tick) {
        for (FaultPlan.Crash c : faults.crashes()) {
            SimNode n = nodes.get(c.node());
            if (c.at() == tick && n.up) {
                collectDrops(n);
                n.crash();
                n.deadForGood = c.permanent();
            }
            if (c.restartAt() == tick && !n.up && !n.deadForGood) {
                n.start(tick, config.catchUpTicks());
            }
        }
    }

    /** Forged and malformed messages a hostile or broken peer could send; each must be dropped. */
    private void injectGarbage(long tick) {
        if (config.faults().garbage() == 0 || garbageRandom.nextDouble() >= config.faults().garbage()) {
            return;
        }
        SimNode target = nodes.get(garbageRandom.nextInt(nodes.size()));
        SimNode other = nodes.get(garbageRandom.nextInt(nodes.size()));
        if (!target.up || !other.up || other == target) {
            return;
        }
        byte[] bytes;
        String from = other.id;
        int kind = garbageRandom.nextInt(4);
        switch (kind) {
            case 0 -> {
                bytes = new byte[garbageRandom.nextInt(200)];
                garbageRandom.nextBytes(bytes);
            }
            case 1 -> {
                byte[] valid = other.peer.coverageMessage();
                bytes = java.util.Arrays.copyOf(valid, garbageRandom.nextInt(valid.length));
            }
            case 2 -> {
                // a valid message of `other` claimed by somebody else
                bytes = other.peer.coverageMessage();
                from = "node-forger";
            }
            default -> bytes = new byte[20_000];
        }
        garbageSent++;
        switch (garbageRandom.nextInt(3)) {
            case 0 -> target.peer.onCoverage(bytes, from);
            case 1 -> target.peer.onDigest(bytes, from, tick);
            default -> target.peer.onMemberAnnouncement(bytes, from);
        }
    }

    // ---- mesh --------------------------------------------------------------------------------------

    private void deliver(SimMesh.Envelope e, long tick) {
        SimNode to = nodes.get(e.to());
        if (!to.up) {
            return;
        }
        String from = nodes.get(e.from()).id;
        switch (e.kind()) {
            case COVERAGE -> to.peer.onCoverage(e.payload(), from);
            case DIGEST -> to.peer.onDigest(e.payload(), from, tick);
            case ANNOUNCEMENT -> to.peer.onMemberAnnouncement(e.payload(), from);
            default -> throw new IllegalStateException();
        }
    }

    private void broadcast(SimNode from, SimMesh.Kind kind, byte[] payload, long tick) {
        for (SimNode to : nodes) {
            if (to != from) {
                mesh.send(from.index, to.index, kind, payload, tick, true);
            }
        }
    }

    /**
     * Liveliness: a node sees a peer as soon as they can reach each other, and loses it after
     * {@link SimConfig#leaseTicks()} without reachability. On first sight both query each other's
     * coverage (the catch-up query), answered reliably.
     */
    private void updateLiveliness(long tick) {
        for (SimNode a : nodes) {
            if (!a.up) {
                continue;
            }
            for (SimNode b : nodes) {
                if (a == b) {
                    continue;
                }
                boolean reach = connected(a.index, b.index, tick);
                if (reach) {
                    a.lastConnected[b.index] = tick;
                }
                boolean live = reach || tick - a.lastConnected[b.index] <= config.leaseTicks();
                if (live && !a.sees[b.index] && reach) {
                    a.sees[b.index] = true;
                    a.peer.memberUp(b.id);
                    mesh.send(b.index, a.index, SimMesh.Kind.ANNOUNCEMENT, b.peer.announcement(), tick, false);
                    mesh.send(b.index, a.index, SimMesh.Kind.COVERAGE, b.peer.coverageMessage(), tick, false);
                } else if (!live && a.sees[b.index]) {
                    a.sees[b.index] = false;
                    a.peer.memberDown(b.id);
                }
            }
        }
    }

    // ---- nodes -------------------------------------------------------------------------------------

    private void work(SimNode n, long tick) {
        if (agentsDrive) {
            missionWork(n, tick);
            return;
        }
        VehicleReadings readings = n.vehicle.readSensors();
        n.runAgent(tick, readings);
        boolean completed = false;
        if (tick >= n.workFrom) {
            OptionalInt cell = n.peer.nextCell();
            if (cell.isPresent()) {
                int c = cell.getAsInt();
                if (worker.done(plan.cell(c), readings)) {
                    n.peer.complete(c);
                    completions[c][n.index]++;
                    n.cellsCompleted++;
                    completed = true;
                    OptionalInt next = n.peer.nextCell();
                    n.command(next.isPresent() ? worker.steer(plan.cell(next.getAsInt()), readings) : Vec2.ZERO);
                } else {
                    n.command(worker.steer(plan.cell(c), readings));
                }
            } else {
                n.command(Vec2.ZERO);
            }
        } else {
            n.command(Vec2.ZERO);
        }
        int publish = config.publishEveryTicks();
        int announce = config.announceEveryTicks();
        if (completed || tick % publish == n.index % publish) {
            broadcast(n, SimMesh.Kind.COVERAGE, n.peer.coverageMessage(), tick);
            broadcast(n, SimMesh.Kind.DIGEST, n.peer.digestMessage(tick), tick);
        }
        if (tick % announce == n.index % announce) {
            broadcast(n, SimMesh.Kind.ANNOUNCEMENT, n.peer.announcement(), tick);
        }
        alerts.addAll(n.peer.checkAgreement(tick));
    }

    /**
     * Mission mode: the node's agents fly and decide when a cell is covered (the survey agent's lanes over the
     * cell), exactly as on an edge node: the node hands them the cells it owns and nobody has covered
     * ({@link CellsEvent}, the node's own encoding) and takes their {@code swarm/covered/<node>} reports.
     */
    private void missionWork(SimNode n, long tick) {
        VehicleReadings readings = n.vehicle.readSensors();
        byte[] cells = CellsEvent.encode(plan.size(), n.peer.completed().completedCount(), plan.version(),
                ownedOpen(n), i -> cellBoxes[i]);
        byte[] changed = java.util.Arrays.equals(cells, n.lastCellsEvent) ? null : cells;
        n.lastCellsEvent = cells;
        TickResult result = n.missionTick(tick, readings, changed);
        boolean completed = false;
        if (result != null) {
            shareHazards(n, result, tick);
            for (io.lockstep.runtime.EmittedMessage m : result.emitted()) {
                if (!CellsEvent.isCoveredReport(m.topic())) {
                    continue;
                }
                int c = CellsEvent.coveredIndex(m.data());
                if (c < 0 || c >= plan.size()) {
                    continue;
                }
                if (!n.peer.completed().contains(c)) {
                    completed = true;
                }
                n.peer.complete(c);
                if (completions[c][n.index]++ == 0) {
                    n.cellsCompleted++;
                }
                if (cellCoveredTick[c] < 0) {
                    cellCoveredTick[c] = tick;
                    cellCoveredBy[c] = n.index;
                }
            }
        }
        int publish = config.publishEveryTicks();
        int announce = config.announceEveryTicks();
        if (completed || tick % publish == n.index % publish) {
            broadcast(n, SimMesh.Kind.COVERAGE, n.peer.coverageMessage(), tick);
            broadcast(n, SimMesh.Kind.DIGEST, n.peer.digestMessage(tick), tick);
        }
        if (tick % announce == n.index % announce) {
            broadcast(n, SimMesh.Kind.ANNOUNCEMENT, n.peer.announcement(), tick);
        }
        alerts.addAll(n.peer.checkAgreement(tick));
    }

    /** The node's finds this tick, hazard-scout reports and obstacle-reflex stops, go to its reachable peers. */
    private void shareHazards(SimNode n, TickResult result, long tick) {
        IntPredicate reachable = peer -> connected(n.index, peer, tick);
        for (io.lockstep.runtime.EmittedMessage m : result.emitted()) {
            DetectionReport.parse(m.topic(), m.data()).ifPresent(report -> hazards.found(n.index, HazardKind.DETECTION,
                    new Vec2(report.xM(), report.yM()), DetectionReport.DETECTION_RADIUS_M, reachable));
        }
        if (n.obstacleStopAt != null) {
            hazards.found(n.index, HazardKind.OBSTACLE, n.obstacleStopAt, DetectionReport.OBSTACLE_RADIUS_M, reachable);
        }
    }

    /** Mission mode: hazards node {@code index} shared with its peers, and hazards it received from them. */
    long[] hazardCounts(int index) {
        return hazards == null ? new long[2] : new long[] {hazards.sharedBy(index), hazards.receivedBy(index)};
    }

    /**
     * The open cells node {@code n} owns, in plan order: the allocation a node computes (no claims: the
     * node's SwarmState allocates from membership and coverage alone).
     */
    private int[] ownedOpen(SimNode n) {
        return io.lockstep.swarm.allocation.Allocator.allocate(plan, n.peer.view(), n.peer.completed(),
                java.util.Map.of()).cellsOf(n.id);
    }

    /** Mission mode: every live node's agents have finished (each node has ended its mission). */
    private boolean agentsFinished() {
        for (SimNode n : nodes) {
            if (n.up && !n.agentsFinished()) {
                return false;
            }
        }
        return true;
    }

    /** Mission mode: each node's predicted path, downsampled (read after {@link #run()}). */
    Map<String, List<PredictedPaths.Point>> predictedPaths() {
        return paths.paths();
    }

    /** Mission mode: per cell, the first tick it was reported covered and by whom (-1 and null: never). */
    List<MissionSimulation.CellCoverage> cellCoverage() {
        List<MissionSimulation.CellCoverage> out = new ArrayList<>();
        for (int c = 0; c < plan.size(); c++) {
            long t = cellCoveredTick[c];
            out.add(new MissionSimulation.CellCoverage(c, t, t < 0 ? null : nodes.get(cellCoveredBy[c]).id));
        }
        return out;
    }

    // ---- invariants --------------------------------------------------------------------------------

    private void recordKnowledge(long tick) {
        CoverageSet union = CoverageSet.empty(plan);
        for (SimNode n : nodes) {
            if (n.up) {
                union = union.merge(n.peer.completed());
            }
        }
        if (!fleetKnowledge.isEmpty() && !fleetKnowledge.get(fleetKnowledge.size() - 1).subsetOf(union)) {
            // a cell some live node knew is known by no live node any more: only a crash of every holder
            // may do that, and catch-up brings it back from the others
            boolean crashNow = faults.crashes().stream().anyMatch(c -> c.at() == tick);
            if (!crashNow) {
                violations.add("tick " + tick + ": completed cells vanished from the fleet's knowledge");
            }
        }
        fleetKnowledge.add(union);
        if (missionCompleteTick < 0 && (agentsDrive ? agentsFinished() : doneCells() == plan.size())) {
            // mission mode: the mission completes when every node's agents have finished, as on the nodes
            missionCompleteTick = tick;
        }
        if (reconvergedTick < 0 && tick >= faults.lastFaultTick() && converged(tick)) {
            reconvergedTick = tick;
        }
    }

    /**
     * Every live node sees exactly the live nodes, with equal views, and knows every cell the fleet knew
     * a publication lag ago.
     */
    private boolean converged(long tick) {
        int lag = config.faults().maxDelayTicks() + 1 + 2 * config.publishEveryTicks();
        CoverageSet past = fleetKnowledge.get((int) Math.max(0, tick - lag));
        byte[] viewDigest = null;
        for (SimNode n : nodes) {
            if (!n.up) {
                continue;
            }
            if (tick < n.workFrom) {
                return false;
            }
            for (SimNode m : nodes) {
                if (m.up != n.peer.view().contains(m.id)) {
                    return false;
                }
            }
            byte[] d = n.peer.view().digest();
            if (viewDigest != null && !java.util.Arrays.equals(d, viewDigest)) {
                return false;
            }
            viewDigest = d;
            if (!past.subsetOf(n.peer.completed())) {
                return false;
            }
        }
        return true;
    }

    private boolean finished(long tick) {
        if (agentsDrive) {
            return agentsFinished();
        }
        if (doneCells() < plan.size() || reconvergedTick < 0) {
            return false;
        }
        for (SimNode n : nodes) {
            if (n.up && !n.peer.completed().isComplete()) {
                return false;
            }
        }
        return true;
    }

    private int doneCells() {
        int done = 0;
        for (int[] byNode : completions) {
            for (int count : byNode) {
                if (count > 0) {
                    done++;
                    break;
                }
            }
        }
        return done;
    }

    private void checkFinal(long ticks) {
        if (agentsDrive) {
            checkMissionFinal(ticks);
            return;
        }
        if (doneCells() < plan.size()) {
            violations.add("only " + doneCells() + " of " + plan.size() + " cells covered in " + ticks + " ticks");
        }
        for (SimNode n : nodes) {
            if (n.up && !n.peer.completed().isComplete()) {
                violations.add(n.id + " knows only " + n.peer.completed().completedCount() + " of " + plan.size()
                        + " completed cells at the end (completed cells lost)");
            }
            if (n.up && !n.peer.activeAlerts().isEmpty()) {
                violations.add(n.id + " ends with divergence alerts " + n.peer.activeAlerts());
            }
            if (n.up) {
                collectDrops(n);
            }
        }
        if (reconvergedTick < 0) {
            violations.add("ownership never reconverged after the last fault at tick " + faults.lastFaultTick());
        } else if (reconvergedTick - faults.lastFaultTick() > config.reconvergenceBoundTicks()) {
            violations.add("ownership reconverged " + (reconvergedTick - faults.lastFaultTick())
                    + " ticks after the last fault (bound " + config.reconvergenceBoundTicks() + ")");
        }
    }

    /**
     * Mission mode: the agents must finish within the tick limit, or run until the mission's own max_ticks (a node
     * completes its mission at either), and when
     * they work cells every cell must be covered; agent faults are reported by {@link MissionSimulation}.
     */
    private void checkMissionFinal(long ticks) {
        boolean endedByTickLimit = tickLimitEndsMission && ticks >= config.mission().maxTicks();
        if (!agentsFinished() && !endedByTickLimit) {
            List<String> running = nodes.stream().filter(n -> n.up && !n.agentsFinished()).map(n -> n.id).toList();
            violations.add("the agents of " + String.join(", ", running) + " did not finish within " + ticks
                    + " ticks");
        }
        if (agentsWorkCells && doneCells() < plan.size()) {
            violations.add("only " + doneCells() + " of " + plan.size() + " cells covered in " + ticks + " ticks");
        }
        for (SimNode n : nodes) {
            if (n.up) {
                collectDrops(n);
            }
        }
    }

    /** Mission mode: whether the mission's agents take cells (then coverage counts for success). */
    boolean agentsWorkCells() {
        return agentsWorkCells;
    }

    private void collectDrops(SimNode n) {
        for (DropReason r : DropReason.values()) {
            drops.merge(r, n.peer.drops().of(r), Long::sum);
        }
    }

    List<Member> members() {
        return nodes.stream().map(n -> new Member(n.id, n.capability)).toList();
    }
}
