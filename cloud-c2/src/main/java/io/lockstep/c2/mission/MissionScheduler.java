package io.lockstep.c2.mission;

import io.lockstep.c2.fleet.NodeCommands;
import io.lockstep.c2.redis.RedisKeys;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.NodeMissionState;
import io.quarkus.redis.datasource.RedisDataSource;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides, per node, whether a dispatched share is sent now, sent after preempting the node's running
 * mission, or queued. A node runs one mission at a time: a mission of higher priority than the one the
 * node is busy with preempts it (that share ends PREEMPTED, the reason names the new mission, and the
 * node, which supersedes its running mission on a new assignment, reports it ABORTED); a mission of the
 * same or lower priority waits QUEUED and is sent when the node frees up (highest priority first, then in
 * dispatch order). The queued command is stored as built at dispatch, so it is sent exactly as it would
 * have been.
 *
 * <p>Placement and dequeueing hold this scheduler's lock, so a node that frees up while a dispatch is
 * deciding cannot leave a share queued on an idle node.
 */
@ApplicationScoped
public class MissionScheduler {

    private static final Logger LOG = Logger.getLogger(MissionScheduler.class);
    /** Queue score: lower is first. Priority 10 sorts before 1; within a priority, dispatch time. */
    private static final double PRIORITY_WEIGHT = 1e13;

    private final MissionStore store;
    private final MissionStatusService statuses;
    private final NodeCommands commands;
    private final MissionHistory history;
    private final RedisDataSource redis;
    private final Clock clock;

    public MissionScheduler(MissionStore store, MissionStatusService statuses, NodeCommands commands,
            MissionHistory history, RedisDataSource redis, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.commands = commands;
        this.history = history;
        this.redis = redis;
        this.clock = clock;
    }

    /** The mission a node is busy with: sent to it and not finished. */
    record Occupant(String missionId, int priority) {
    }

    /**
     * Stores the dispatched mission with each node's initial status (sent or queued) and sends, preempts
     * or queues each node's assignment command.
     *
     * @param assignments node id → its assignment command, in dispatch order
     */
    public synchronized void dispatch(MissionRecord mission, Map<String, C2ToEdge.Builder> assignments) {
        Instant now = clock.instant();
        int priority = priority(mission);
        List<NodeMissionStatus> initial = new ArrayList<>();
        List<String> send = new ArrayList<>();
        List<Occupant> preempt = new ArrayList<>();
        List<String> preempted = new ArrayList<>();
        List<String> queue = new ArrayList<>();
        Map<String, Occupant> occupants = occupants(assignments.keySet(), mission.id());
        for (String nodeId : assignments.keySet()) {
            Optional<Occupant> busy = Optional.ofNullable(occupants.get(nodeId));
            if (busy.isEmpty()) {
                initial.add(NodeMissionStatus.assigned(nodeId, now));
                send.add(nodeId);
            } else if (busy.get().priority() < priority) {
                initial.add(NodeMissionStatus.assigned(nodeId, now).withState(NodeMissionState.ASSIGNED,
                        "preempts mission " + busy.get().missionId() + " (priority " + busy.get().priority() + ")", now));
                send.add(nodeId);
                preempt.add(busy.get());
                preempted.add(nodeId);
            } else {
                initial.add(NodeMissionStatus.queued(nodeId, "queued behind mission " + busy.get().missionId()
                        + " (priority " + busy.get().priority() + " >= " + priority + ")", now));
                queue.add(nodeId);
            }
        }
        // Stored before anything is sent, so a node's first status update always finds its share.
        store.save(mission, initial);
        history.appendAll(mission.id(), initial.stream().map(status -> HistoryEntry.of(status,
                status.state() == NodeMissionState.QUEUED ? "QUEUED" : "SENT", HistoryEntry.C2, now)).toList());
        for (int i = 0; i < preempt.size(); i++) {
            Occupant victim = preempt.get(i);
            String nodeId = preempted.get(i);
            statuses.change(victim.missionId(), nodeId, "PREEMPTED", current -> current.terminal() ? null
                    : current.withState(NodeMissionState.PREEMPTED, "preempted by mission " + mission.id()
                            + " (priority " + priority + " > " + victim.priority() + ")", now));
            LOG.infof("Mission %s (priority %d) preempts mission %s (priority %d) on node %s", mission.id(), priority,
                    victim.missionId(), victim.priority(), nodeId);
        }
        Map<String, C2ToEdge.Builder> sent = new LinkedHashMap<>();
        send.forEach(nodeId -> sent.put(nodeId, assignments.get(nodeId)));
        commands.sendAll(sent, seqs -> {
        });
        for (String nodeId : queue) {
            redis.hash(String.class).hset(RedisKeys.nodeQueuedAssignments(nodeId), mission.id(),
                    Base64.getEncoder().encodeToString(assignments.get(nodeId).build().toByteArray()));
            redis.sortedSet(String.class).zadd(RedisKeys.nodeMissionQueue(nodeId),
                    (11 - priority) * PRIORITY_WEIGHT + now.toEpochMilli(), mission.id());
            LOG.infof("Mission %s queued for node %s", mission.id(), nodeId);
        }
    }

    /** A share on the node finished: send the node's next queued mission, if it is idle now. */
    synchronized void onNodeFreed(@Observes NodeFreed event) {
        String nodeId = event.nodeId();
        if (occupant(nodeId, null).isPresent()) {
            return;
        }
        while (true) {
            var next = redis.sortedSet(String.class).zpopmin(RedisKeys.nodeMissionQueue(nodeId));
            if (next == null || next.value() == null) {
                return;
            }
            String missionId = next.value();
            String stored = redis.hash(String.class).hget(RedisKeys.nodeQueuedAssignments(nodeId), missionId);
            redis.hash(String.class).hdel(RedisKeys.nodeQueuedAssignments(nodeId), missionId);
            Optional<NodeMissionStatus> sent = stored == null ? Optional.empty()
                    : statuses.change(missionId, nodeId, "SENT", current -> current.state() != NodeMissionState.QUEUED
                            ? null : current.withState(NodeMissionState.ASSIGNED, "sent when the node freed up",
                                    clock.instant()));
            if (sent.isEmpty()) {
                continue; // aborted, cancelled or archived while it waited
            }
            try {
                commands.send(nodeId, C2ToEdge.parseFrom(Base64.getDecoder().decode(stored)).toBuilder());
                LOG.infof("Node %s freed up: sent queued mission %s", nodeId, missionId);
                return;
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("queued assignment of mission " + missionId + " is unreadable", e);
            }
        }
    }

    /** Ends a queued share without sending it (the mission was aborted or cancelled while it waited). */
    public synchronized boolean dropQueued(String missionId, String nodeId, String why) {
        Optional<NodeMissionStatus> dropped = statuses.change(missionId, nodeId, "ABORTED",
                current -> current.state() != NodeMissionState.QUEUED ? null
                        : current.withState(NodeMissionState.ABORTED, why, clock.instant()));
        redis.sortedSet(String.class).zrem(RedisKeys.nodeMissionQueue(nodeId), missionId);
        redis.hash(String.class).hdel(RedisKeys.nodeQueuedAssignments(nodeId), missionId);
        return dropped.isPresent();
    }

    /** Missions queued for a node, next first. */
    public List<String> queued(String nodeId) {
        return redis.sortedSet(String.class).zrange(RedisKeys.nodeMissionQueue(nodeId), 0, -1);
    }

    /**
     * The mission the node is busy with (other than {@code except}): one whose share on it was sent and has
     * not finished. Reads every mission in Redis (finished ones are archived by the retention sweep).
     */
    Optional<Occupant> occupant(String nodeId, String except) {
        for (String missionId : redis.sortedSet(String.class).zrange(RedisKeys.missions(), 0, -1)) {
            if (missionId.equals(except)) {
                continue;
            }
            Optional<NodeMissionStatus> status = store.nodeStatus(missionId, nodeId);
            if (status.isPresent() && NodeStates.occupiesNode(status.get().state())) {
                Optional<MissionRecord> record = store.find(missionId);
                if (record.isPresent() && !record.get().aborted()) {
                    return Optional.of(new Occupant(missionId, priority(record.get())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #occupant} of many nodes: node id → the mission it is busy with, for the busy ones. One read per
     * mission in Redis (its whole status hash) instead of one per mission and node.
     */
    Map<String, Occupant> occupants(Collection<String> nodeIds, String except) {
        Map<String, Occupant> busy = new HashMap<>();
        for (String missionId : redis.sortedSet(String.class).zrange(RedisKeys.missions(), 0, -1)) {
            if (missionId.equals(except)) {
                continue;
            }
            Map<String, NodeMissionStatus> statuses = store.nodeStatuses(missionId);
            List<String> occupied = nodeIds.stream().filter(nodeId -> !busy.containsKey(nodeId))
                    .filter(nodeId -> statuses.containsKey(nodeId)
                            && NodeStates.occupiesNode(statuses.get(nodeId).state()))
                    .toList();
            if (occupied.isEmpty()) {
                continue;
            }
            Optional<MissionRecord> record = store.find(missionId);
            if (record.isPresent() && !record.get().aborted()) {
                Occupant occupant = new Occupant(missionId, priority(record.get()));
                occupied.forEach(nodeId -> busy.put(nodeId, occupant));
            }
        }
        return busy;
    }

    private static int priority(MissionRecord mission) {
        Integer priority = mission.spec().priority();
        return priority == null ? 1 : priority;
    }
}
