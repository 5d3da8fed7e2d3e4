package io.lockstep.c2.mission;

import io.lockstep.c2.fleet.NodeCommands;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.mission.area.AreaAllocator;
import io.lockstep.c2.module.BlobUse;
import io.lockstep.proto.v1.AbortMission;
import io.lockstep.c2.mission.cells.CellPlanner;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CellPlan;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.MissionAssignment;
import io.lockstep.proto.v1.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, dispatches and aborts missions. Changes to one mission are serialized by a per-mission lock
 * (C2 runs as a single instance; Redis holds the state so a restarted C2 carries on).
 */
@ApplicationScoped
public class MissionService {

    private final MissionStore store;
    private final MissionValidator validator;
    private final AreaAllocator allocator;
    private final NodeRegistry nodes;
    private final NodeCommands commands;
    private final CellPlanner cells;
    private final Clock clock;
    private final BlobUse blobUse;
    private final MissionArchive archive;
    private final io.lockstep.c2.signing.AssignmentSigner signer;
    private final io.lockstep.c2.approval.DispatchGate gate;
    /** lockstep.c2.fleet.max-nodes-per-dispatch: a bigger dispatch is refused with 400. */
    private final int maxNodesPerDispatch;
    /** Dispatch, abort and archiving of one mission are ordered across all C2 replicas. */
    @jakarta.inject.Inject
    io.lockstep.c2.replica.RedisLocks sharedLocks;

    @jakarta.inject.Inject
    MissionScheduler scheduler;

    @jakarta.inject.Inject
    MissionHistory history;

    @jakarta.inject.Inject
    io.lockstep.c2.trace.LinkSendSpans linkSpans;

    public MissionService(MissionStore store, MissionValidator validator, AreaAllocator allocator,
            NodeRegistry nodes, NodeCommands commands, CellPlanner cells, Clock clock, BlobUse blobUse,
            MissionArchive archive, io.lockstep.c2.signing.AssignmentSigner signer,
            io.lockstep.c2.approval.DispatchGate gate, io.lockstep.c2.config.C2Config config) {
        this.maxNodesPerDispatch = config.fleet().maxNodesPerDispatch();
        this.signer = signer;
        this.gate = gate;
        this.blobUse = blobUse;
        this.archive = archive;
        this.store = store;
        this.validator = validator;
        this.allocator = allocator;
        this.nodes = nodes;
        this.commands = commands;
        this.cells = cells;
        this.clock = clock;
    }

    public MissionRecord create(MissionSpec spec) {
        // Validation finds the modules and models; the retention sweep may not delete them before the
        // mission that refers to them is stored.
        return blobUse.referencing(() -> {
            validator.validate(spec);
            MissionRecord mission = new MissionRecord(UUID.randomUUID().toString(), spec, clock.instant(), null,
                    List.of(), null, null);
            store.create(mission);
            return mission;
        });
    }

    public MissionRecord get(String missionId) {
        return store.find(missionId).orElseThrow(() -> archive.archivedAt(missionId)
                .map(at -> new UnknownMissionException(missionId, "mission " + missionId + " finished and was archived"
                        + " at " + at + " (lockstep.c2.retention.finished-missions); it is no longer in Redis"))
                .orElseGet(() -> new UnknownMissionException(missionId)));
    }

    /**
     * Splits the area among {@code nodeIds}, cuts it into cells the nodes share, and sends each node its
     * assignment. Nodes that are offline
     * get theirs when they reconnect.
     */
    public MissionRecord dispatch(String missionId, List<String> nodeIds, TraceContext trace) {
        get(missionId);
        checkNodes(nodeIds);
        try (io.lockstep.c2.replica.RedisLocks.Held held = sharedLocks.hold(io.lockstep.c2.replica.RedisLocks.mission(missionId))) {
            MissionRecord mission = get(missionId);
            if (mission.aborted()) {
                throw new MissionConflictException("mission " + missionId + " was aborted");
            }
            if (mission.dispatched()) {
                throw new MissionConflictException("mission " + missionId + " was already dispatched to "
                        + mission.shares().stream().map(NodeShare::nodeId).toList());
            }
            gate.check(mission);
            Map<String, io.lockstep.c2.fleet.NodeRecord.Capabilities> capabilities = nodes.capabilities(nodeIds);
            MemoryAdmission.check(mission.spec(), nodeIds, capabilities);
            CapabilityMatch.check(mission.spec(), nodeIds, capabilities, nodes);
            Instant now = clock.instant();
            List<List<GeoPoint>> areas = allocator.allocate(mission.spec().area(), nodeIds.size());
            List<NodeShare> shares = new ArrayList<>();
            for (int i = 0; i < nodeIds.size(); i++) {
                shares.add(new NodeShare(nodeIds.get(i), i, nodeIds.size(), areas.get(i)));
            }
            MissionRecord dispatched = mission.withDispatch(now, shares);
            Map<String, C2ToEdge.Builder> assignments = new java.util.LinkedHashMap<>();
            // Each node's assignment carries its own link-send span's context (docs/observability.md).
            io.lockstep.c2.trace.LinkSendSpans.Batch sends = linkSpans.open(missionId);
            Mission wire = MissionProtoMapper.toProto(missionId, mission.spec());
            Optional<CellPlan> cellPlan = cells.plan(missionId, mission.spec().area(), nodeIds);
            List<MissionAssignment> unsigned = new ArrayList<>(shares.size());
            for (NodeShare share : shares) {
                MissionAssignment.Builder assignment = MissionAssignment.newBuilder()
                        .setMission(wire)
                        .setNodeId(share.nodeId())
                        .setAssignedArea(MissionProtoMapper.polygon(share.assignedArea()))
                        .setShareIndex(share.shareIndex())
                        .setShareCount(share.shareCount())
                        .setTrace(trace.getTraceparent().isEmpty() ? trace : sends.forNode(share.nodeId()));
                cellPlan.ifPresent(assignment::setCellPlan);
                unsigned.add(assignment.build());
            }
            // One Ed25519 signature per node is most of a big dispatch's CPU: spread over the cores.
            List<io.lockstep.proto.v1.AssignMission> signed = unsigned.parallelStream().map(signer::sign).toList();
            for (int i = 0; i < shares.size(); i++) {
                assignments.put(shares.get(i).nodeId(), C2ToEdge.newBuilder().setAssign(signed.get(i)));
            }
            // Stores the dispatch, then sends, preempts or queues each node's assignment (priority).
            try {
                scheduler.dispatch(dispatched, assignments);
            } finally {
                sends.close();
            }
            return dispatched;
        }
    }

    /** Aborts the mission; every node that has not finished its share is told to stop. */
    public MissionRecord abort(String missionId, String reason, TraceContext trace) {
        try (io.lockstep.c2.replica.RedisLocks.Held held = sharedLocks.hold(io.lockstep.c2.replica.RedisLocks.mission(missionId))) {
            MissionRecord mission = get(missionId);
            if (mission.aborted()) {
                return mission;
            }
            Map<String, NodeMissionStatus> statuses = store.nodeStatuses(missionId);
            if (MissionStateDeriver.isTerminal(MissionStateDeriver.derive(mission, statuses.values()))) {
                throw new MissionConflictException("mission " + missionId + " has already finished");
            }
            String why = reason == null || reason.isBlank() ? "aborted by the commander" : reason;
            MissionRecord aborted = mission.withAbort(clock.instant(), why);
            store.save(aborted);
            history.append(missionId, new HistoryEntry(null, aborted.abortedAt(), "", "ABORT_REQUESTED", "", "", 0, 0,
                    why, HistoryEntry.C2));
            for (NodeShare share : mission.shares()) {
                NodeMissionStatus status = statuses.get(share.nodeId());
                if (status != null && status.state() == io.lockstep.proto.v1.NodeMissionState.QUEUED) {
                    scheduler.dropQueued(missionId, share.nodeId(), "aborted while queued: " + why);
                } else if (status == null || !status.terminal()) {
                    commands.send(share.nodeId(), C2ToEdge.newBuilder().setAbort(AbortMission.newBuilder()
                            .setMissionId(missionId).setReason(why).setTrace(trace)));
                }
            }
            return aborted;
        }
    }

    private void checkNodes(List<String> nodeIds) {
        List<FieldError> errors = new ArrayList<>();
        if (nodeIds == null || nodeIds.isEmpty()) {
            errors.add(new FieldError("nodes", "at least one node id is required"));
        } else if (maxNodesPerDispatch > 0 && nodeIds.size() > maxNodesPerDispatch) {
            errors.add(new FieldError("nodes", nodeIds.size() + " nodes listed; at most " + maxNodesPerDispatch
                    + " nodes per dispatch (lockstep.c2.fleet.max-nodes-per-dispatch)"));
        } else {
            Set<String> known = new HashSet<>(nodes.ids());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < nodeIds.size(); i++) {
                String nodeId = nodeIds.get(i);
                if (nodeId == null || nodeId.isBlank()) {
                    errors.add(new FieldError("nodes[" + i + "]", "is required"));
                } else if (!seen.add(nodeId)) {
                    errors.add(new FieldError("nodes[" + i + "]", "node '" + nodeId + "' is listed twice"));
                } else if (!known.contains(nodeId)) {
                    errors.add(new FieldError("nodes[" + i + "]", "unknown node '" + nodeId + "': it has never connected to C2"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * Runs {@code change} holding the mission's lock, the one dispatch and abort hold (the retention sweep
     * archives a mission under it so it cannot race a commander's action).
     */
    public <T> T locked(String missionId, java.util.function.Supplier<T> change) {
        try (io.lockstep.c2.replica.RedisLocks.Held held = sharedLocks.hold(io.lockstep.c2.replica.RedisLocks.mission(missionId))) {
            return change.get();
        }
    }
}
