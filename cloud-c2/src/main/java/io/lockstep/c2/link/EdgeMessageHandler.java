package io.lockstep.c2.link;

import io.lockstep.c2.fleet.AgentLogStore;
import io.lockstep.c2.fleet.EmergencyStopService;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.fleet.TelemetryIntake;
import io.lockstep.c2.hazard.HazardStore;
import io.lockstep.c2.mission.MissionCancellation;
import io.lockstep.c2.mission.MissionStatusService;
import io.lockstep.c2.replica.RedisLocks;
import io.lockstep.c2.stream.StreamHub;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.StatusAck;
import io.lockstep.proto.v1.Telemetry;
import jakarta.enterprise.context.ApplicationScoped;
import io.lockstep.c2.api.Ids;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies one message from a node to C2's state. Called for one session at a time, in arrival order: plain
 * telemetry on the thread that received it ({@link #liveTelemetry}, never blocks), everything else on a worker
 * thread (it does blocking Redis calls).
 */
@ApplicationScoped
public class EdgeMessageHandler {

    private static final Logger LOG = Logger.getLogger(EdgeMessageHandler.class);
    private static final int ABI_UNSPECIFIED = 0;
    private static final int ABI_SUPPORTED = 1;

    private final NodeRegistry registry;
    private final LinkLedger ledger;
    private final CommandOutbox outbox;
    private final MissionStatusService missions;
    private final BlobService blobs;
    private final C2Instance instance;
    private final LinkSessions sessions;
    private final Clock clock;
    private final EmergencyStopService estop;
    private final AgentLogStore agentLogs;
    private final TelemetryIntake telemetryIntake;
    private final MissionCancellation cancellation;
    private final JournalLink journals;
    private final RedisLocks locks;
    private final StreamHub stream;
    private final HazardStore hazards;
    private final LiveCredits liveCredits;

    public EdgeMessageHandler(NodeRegistry registry, LinkLedger ledger, CommandOutbox outbox,
            MissionStatusService missions, BlobService blobs, C2Instance instance, LinkSessions sessions, Clock clock,
            EmergencyStopService estop, AgentLogStore agentLogs, TelemetryIntake telemetryIntake,
            MissionCancellation cancellation, JournalLink journals, RedisLocks locks, StreamHub stream,
            HazardStore hazards, LiveCredits liveCredits) {
        this.estop = estop;
        this.sessions = sessions;
        this.registry = registry;
        this.ledger = ledger;
        this.outbox = outbox;
        this.missions = missions;
        this.blobs = blobs;
        this.instance = instance;
        this.clock = clock;
        this.agentLogs = agentLogs;
        this.telemetryIntake = telemetryIntake;
        this.cancellation = cancellation;
        this.journals = journals;
        this.locks = locks;
        this.stream = stream;
        this.hazards = hazards;
        this.liveCredits = liveCredits;
    }

    void handle(LinkSession session, EdgeToC2 message) {
        if (message == InvalidFrames.UNREADABLE) {
            throw new ProtocolViolationException("the message is not a valid EdgeToC2 protobuf");
        }
        LinkInput.seqProblem("seq", message.getSeq()).ifPresent(problem -> {
            throw new ProtocolViolationException(problem);
        });
        if (!session.identified()) {
            if (message.getBodyCase() != EdgeToC2.BodyCase.HELLO) {
                throw new ProtocolViolationException("the first message on the link must be Hello, got "
                        + message.getBodyCase());
            }
            hello(session, message.getHello());
            return;
        }
        if (message.getBodyCase() == EdgeToC2.BodyCase.HELLO) {
            throw new ProtocolViolationException("Hello may only be sent once per connection");
        }
        if (message.getSeq() > 0 && message.getBodyCase() == EdgeToC2.BodyCase.ACK) {
            sequencedAck(session, message);
        } else if (message.getSeq() > 0) {
            sequenced(session, message);
        } else {
            apply(session, message).ifPresent(refusal -> LOG.warnf("Ignored %s from node %s: %s",
                    message.getBodyCase(), session.nodeId(), refusal));
        }
    }

    /**
     * Whether the link may apply this message on the thread that received it, without blocking and ahead of
     * the worker pool: a node's plain telemetry sample, once the node said Hello. Its agent log lines, which
     * need Redis, are stored afterwards ({@link #agentLogs}).
     */
    boolean appliesAtOnce(LinkSession session, EdgeToC2 message) {
        return session.identified() && message.getBodyCase() == EdgeToC2.BodyCase.TELEMETRY && message.getSeq() == 0;
    }

    /** Whether a telemetry message carries agent log lines for {@link #agentLogs}. */
    static boolean hasLogs(EdgeToC2 message) {
        return message.getTelemetry().getLogsCount() > 0 || message.getTelemetry().getLogsDropped() > 0;
    }

    /**
     * One telemetry sample, never blocking: into the live view (in memory, latest wins per node) and handed to
     * the intake for the history. Returns why it was refused, or empty. {@code whenQueued} runs when the link
     * may read the node's next message: before this returns, or, for a spooled sample that has to wait for room
     * in the intake, once it is queued (see {@link TelemetryIntake}).
     */
    Optional<String> liveTelemetry(LinkSession session, Telemetry sample, Runnable whenQueued) {
        Optional<String> refusal = LinkInput.missionIdProblem(sample.getMissionId());
        if (refusal.isPresent()) {
            LOG.warnf("Ignored TELEMETRY from node %s: %s", session.nodeId(), refusal.get());
        } else {
            long receivedAtMs = clock.millis();
            stream.telemetry(session.nodeId(), sample, receivedAtMs);
            if (telemetryIntake.offer(session.nodeId(), sample, receivedAtMs, whenQueued) == TelemetryIntake.Offer.HELD) {
                return refusal;
            }
        }
        // A live sample, taken or refused, is processed: its credit goes back to the node (spooled ones spend none).
        if (!sample.getSpooled()) {
            liveCredits.processed(session);
        }
        whenQueued.run();
        return refusal;
    }

    /** Stores a telemetry message's agent log lines (blocking Redis calls: a worker thread). */
    void agentLogs(LinkSession session, EdgeToC2 message) {
        if (hasLogs(message) && LinkInput.missionIdProblem(message.getTelemetry().getMissionId()).isEmpty()) {
            agentLogs.append(session.nodeId(), message.getTelemetry(), clock.instant());
        }
    }

    /** Applies one message; returns why it was refused (never to be applied), or empty when it was applied. */
    private Optional<String> apply(LinkSession session, EdgeToC2 message) {
        String nodeId = session.nodeId();
        switch (message.getBodyCase()) {
            case HEARTBEAT -> {
                Optional<String> refusal = LinkInput.missionIdProblem(message.getHeartbeat().getMissionId());
                if (refusal.isEmpty()) {
                    registry.recordHeartbeat(nodeId, message.getHeartbeat(), clock.instant());
                    stream.heartbeat(nodeId, message.getHeartbeat(), clock.millis());
                    hazards.report(nodeId, message.getHeartbeat(), clock.millis());
                }
                return refusal;
            }
            case STATUS -> {
                Optional<String> refusal = LinkInput.missionIdProblem(message.getStatus().getMissionId());
                if (refusal.isPresent()) {
                    return refusal;
                }
                Optional<String> applied = missions.apply(nodeId, LinkInput.bounded(message.getStatus()));
                if (applied.isEmpty()) {
                    stream.status(nodeId, LinkInput.bounded(message.getStatus()), clock.millis());
                }
                return applied;
            }
            case ACK -> {
                return commandAck(nodeId, LinkInput.bounded(message.getAck()));
            }
            case BLOB_REQUEST -> session.send(C2ToEdge.newBuilder().setBlob(blobs.answer(message.getBlobRequest())).build());
            case TELEMETRY -> {
                // Only a sequenced sample (nodes send none) comes this way; it is stored without pausing its link.
                Optional<String> refusal = liveTelemetry(session, message.getTelemetry(), () -> { });
                if (refusal.isEmpty()) {
                    agentLogs(session, message);
                }
                return refusal;
            }
            case JOURNAL_OFFER, JOURNAL_CHUNK -> journals.answer(session, message);
            // A newer node may send message kinds this C2 does not know yet; they arrive without a body.
            default -> LOG.debugf("Ignoring a message without a known body (%s) from node %s",
                    message.getBodyCase(), nodeId);
        }
        return Optional.empty();
    }

    private void hello(LinkSession session, Hello received) {
        Ids.problem("node_id", received.getNodeId()).ifPresent(problem -> {
            throw new ProtocolViolationException(problem);
        });
        LinkInput.seqProblem("last_applied_command_seq", received.getLastAppliedCommandSeq()).ifPresent(problem -> {
            throw new ProtocolViolationException(problem);
        });
        if (received.getAbiVersion() != ABI_UNSPECIFIED && received.getAbiVersion() != ABI_SUPPORTED) {
            throw new ProtocolViolationException("agent ABI version " + Integer.toUnsignedString(received.getAbiVersion())
                    + " is not supported; this C2 speaks ABI v" + ABI_SUPPORTED);
        }
        String certified = session.certifiedNodeId();
        if (certified != null && !certified.equals(received.getNodeId())) {
            throw new NodeIdentityMismatchException("Hello names node " + LinkInput.shown(received.getNodeId())
                    + " but the client certificate is issued to node " + LinkInput.shown(certified));
        }
        Hello hello = LinkInput.bounded(received);
        session.identify(hello.getNodeId());
        liveCredits.open(session, hello);
        registry.registerHello(hello, clock.instant());
        outbox.resume(session, hello.getLastAppliedCommandSeq(), instance.id());
        // A latched e-stop is re-asserted on every connect, in case the node restarted and forgot it.
        estop.nodeConnected(hello.getNodeId(), hello.getLastAppliedCommandSeq());
        journals.nodeConnected(session);
        LOG.infof("Node %s connected from %s (software %s, last applied command %d)", hello.getNodeId(),
                session.peer(), LinkInput.shown(hello.getSoftwareVersion()), hello.getLastAppliedCommandSeq());
    }

    /**
     * Applies a message that carries an edge {@code seq} (a status update, a command ack, whatever the node
     * sent through its outbox) once: a seq at or below the stored maximum is a re-send of something already
     * applied, so it is acknowledged again but not applied. Either way the answer is {@code StatusAck} with
     * the stored maximum, which lets the node drop everything up to it from its outbox. A message C2 can
     * never apply (say, a status for a mission id outside the id grammar) is consumed all the same and
     * named in {@code refused_seq}, so the node drops it instead of re-sending it forever. Messages with
     * seq 0 ask for no acknowledgement and are applied as they come.
     */
    private void sequenced(LinkSession session, EdgeToC2 message) {
        String nodeId = session.nodeId();
        long seq = message.getSeq();
        long stored;
        Optional<String> refusal = Optional.empty();
        // The node lock (shared by all replicas) keeps a replaced stream that is still draining, here or on
        // another replica, from racing the new one.
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
            stored = ledger.lastEdgeSeq(nodeId);
            if (seq > stored) {
                refusal = apply(session, message);
                ledger.storeLastEdgeSeq(nodeId, seq);
                stored = seq;
            } else {
                LOG.debugf("Duplicate %s seq %d from node %s (stored up to %d); acknowledged, not applied",
                        message.getBodyCase(), Long.valueOf(seq), nodeId, Long.valueOf(stored));
            }
        }
        answer(session, message, stored, refusal);
    }

    /**
     * {@link #sequenced} for a command ack, without the node lock and in two Redis round trips (the edge seq
     * and the command read together; the command forgotten and the edge seq raised together), so a fleet's
     * acks do not queue behind each other. The lock is not needed for an ack that changes nothing but the
     * outbox (an applied assignment, abort...): one session's messages are handled in order, so whichever
     * stream of a node stores a seq has applied every message before it; the edge seq is only ever raised;
     * and forgetting a command twice is harmless. An ack with effects of its own (an e-stop's, a cancel's, a
     * refusal) takes the locked path, so two overlapping streams of one node cannot both apply it.
     */
    private void sequencedAck(LinkSession session, EdgeToC2 message) {
        String nodeId = session.nodeId();
        long seq = message.getSeq();
        CommandAck ack = LinkInput.bounded(message.getAck());
        Optional<String> refusal = commandSeqProblem(ack);
        LinkLedger.AckLookup lookup = ledger.lookUpAck(nodeId, refusal.isEmpty() ? ack.getCommandSeq() : 0);
        long stored = lookup.lastEdgeSeq();
        if (seq > stored && refusal.isEmpty() && lookup.command().filter(command -> hasEffects(command, ack)).isPresent()) {
            sequenced(session, message);
            return;
        }
        if (seq > stored) {
            if (refusal.isEmpty()) {
                ledger.commitAck(nodeId, seq, ack.getCommandSeq());
            } else {
                ledger.storeLastEdgeSeq(nodeId, seq);
            }
            stored = seq;
        } else {
            LOG.debugf("Duplicate ACK seq %d from node %s (stored up to %d); acknowledged, not applied",
                    Long.valueOf(seq), nodeId, Long.valueOf(stored));
            refusal = Optional.empty();
        }
        answer(session, message, stored, refusal);
    }

    /** Answers a sequenced message with StatusAck up to {@code stored}, naming it refused when it was. */
    private void answer(LinkSession session, EdgeToC2 message, long stored, Optional<String> refusal) {
        String nodeId = session.nodeId();
        long seq = message.getSeq();
        registry.recordSeen(nodeId, clock.instant());
        StatusAck.Builder ack = StatusAck.newBuilder().setSeq(stored);
        refusal.ifPresent(reason -> {
            LOG.warnf("Refused %s seq %d from node %s: %s", message.getBodyCase(), Long.valueOf(seq), nodeId, reason);
            ack.setRefusedSeq(seq).setRefusedReason(reason);
        });
        session.send(C2ToEdge.newBuilder().setStatusAck(ack).build());
    }

    private static Optional<String> commandSeqProblem(CommandAck ack) {
        if (ack.getCommandSeq() < 0 || ack.getCommandSeq() > LinkInput.MAX_SEQ) {
            return LinkInput.seqProblem("command_seq", ack.getCommandSeq());
        }
        return Optional.empty();
    }

    private Optional<String> commandAck(String nodeId, CommandAck ack) {
        Optional<String> problem = commandSeqProblem(ack);
        if (problem.isPresent()) {
            return problem;
        }
        ledger.acknowledge(nodeId, ack.getCommandSeq()).ifPresentOrElse(command -> acknowledged(nodeId, command, ack),
                () -> LOG.debugf("Node %s acknowledged command %d, which was not pending", nodeId, ack.getCommandSeq()));
        return Optional.empty();
    }

    /** Whether {@link #acknowledged} changes anything for this command and answer. */
    private static boolean hasEffects(C2ToEdge command, CommandAck ack) {
        return command.hasEmergencyStop() || command.hasCancelMission() || !ack.getApplied();
    }

    /** What a node's answer to one of its commands changes in C2's state. */
    private void acknowledged(String nodeId, C2ToEdge command, CommandAck ack) {
        estop.acknowledged(nodeId, command, ack);
        if (command.hasCancelMission()) {
            cancellation.answered(nodeId, command.getCancelMission().getMissionId(), ack.getApplied(), ack.getError());
        }
        if (!ack.getApplied()) {
            LOG.warnf("Node %s refused command %d (%s): %s", nodeId, ack.getCommandSeq(), command.getBodyCase(),
                    LinkInput.shown(ack.getError()));
            if (command.hasAssign()) {
                missions.rejectAssignment(nodeId, command.getAssign().getAssignment().getMission().getId(),
                        ack.getError());
            }
        }
    }
}
