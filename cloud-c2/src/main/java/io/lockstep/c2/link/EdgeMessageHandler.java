package io.lockstep.c2.link;

import io.lockstep.c2.fleet.EmergencyStopService;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.mission.MissionStatusService;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.StatusAck;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Applies one message from a node to C2's state. Called for one session at a time, in arrival order, on
 * a worker thread (it does blocking Redis calls).
 */
@ApplicationScoped
public class EdgeMessageHandler {

    private static final Logger LOG = Logger.getLogger(EdgeMessageHandler.class);
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
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

    @jakarta.inject.Inject
    io.lockstep.c2.fleet.AgentLogStore agentLogs;

    public EdgeMessageHandler(NodeRegistry registry, LinkLedger ledger, CommandOutbox outbox,
            MissionStatusService missions, BlobService blobs, C2Instance instance, LinkSessions sessions, Clock clock,
            EmergencyStopService estop) {
        this.estop = estop;
        this.sessions = sessions;
        this.registry = registry;
        this.ledger = ledger;
        this.outbox = outbox;
        this.missions = missions;
        this.blobs = blobs;
        this.instance = instance;
        this.clock = clock;
    }

    void handle(LinkSession session, EdgeToC2 message) {
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
        if (message.getSeq() > 0) {
            sequenced(session, message);
        } else {
            apply(session, message);
        }
    }

    private void apply(LinkSession session, EdgeToC2 message) {
        String nodeId = session.nodeId();
        switch (message.getBodyCase()) {
            case HEARTBEAT -> registry.recordHeartbeat(nodeId, message.getHeartbeat(), clock.instant());
            case STATUS -> missions.apply(nodeId, message.getStatus());
            case ACK -> commandAck(nodeId, message.getAck());
            case BLOB_REQUEST -> session.send(C2ToEdge.newBuilder().setBlob(blobs.answer(message.getBlobRequest())).build());
            case TELEMETRY -> {
                registry.recordTelemetry(nodeId, message.getTelemetry(), clock.instant());
                agentLogs.append(nodeId, message.getTelemetry(), clock.instant());
            }
            // A newer node may send message kinds this C2 does not know yet; they arrive without a body.
            default -> LOG.debugf("Ignoring a message without a known body (%s) from node %s",
                    message.getBodyCase(), nodeId);
        }
    }

    private void hello(LinkSession session, Hello hello) {
        if (!NODE_ID.matcher(hello.getNodeId()).matches()) {
            throw new ProtocolViolationException("node_id must be 1 to 128 of A-Z a-z 0-9 _ . - starting with a"
                    + " letter or digit, got " + printable(hello.getNodeId()));
        }
        if (hello.getAbiVersion() != ABI_UNSPECIFIED && hello.getAbiVersion() != ABI_SUPPORTED) {
            throw new ProtocolViolationException("agent ABI version " + hello.getAbiVersion()
                    + " is not supported; this C2 speaks ABI v" + ABI_SUPPORTED);
        }
        session.identify(hello.getNodeId());
        registry.registerHello(hello, clock.instant());
        outbox.resume(session, hello.getLastAppliedCommandSeq(), instance.id());
        // A latched e-stop is re-asserted on every connect, in case the node restarted and forgot it.
        estop.nodeConnected(hello.getNodeId(), hello.getLastAppliedCommandSeq());
        LOG.infof("Node %s connected from %s (software %s, last applied command %d)", hello.getNodeId(),
                session.peer(), hello.getSoftwareVersion(), hello.getLastAppliedCommandSeq());
    }

    /** A node-supplied string made safe for messages and logs: quoted, escaped, at most 64 characters. */
    private static String printable(String untrusted) {
        StringBuilder out = new StringBuilder("'");
        untrusted.codePoints().limit(64).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(untrusted.codePointCount(0, untrusted.length()) > 64 ? "'..." : "'").toString();
    }

    /**
     * Applies a message that carries an edge {@code seq} (a status update, a command ack, whatever the node
     * sent through its outbox) once: a seq at or below the stored maximum is a re-send of something already
     * applied, so it is acknowledged again but not applied. Either way the answer is {@code StatusAck} with
     * the stored maximum, which lets the node drop everything up to it from its outbox. Messages with seq 0
     * ask for no acknowledgement and are applied as they come.
     */
    private void sequenced(LinkSession session, EdgeToC2 message) {
        String nodeId = session.nodeId();
        long seq = message.getSeq();
        long stored;
        // The node lock keeps a replaced stream that is still draining from racing the new one.
        synchronized (sessions.lockFor(nodeId)) {
            stored = ledger.lastEdgeSeq(nodeId);
            if (seq > stored) {
                apply(session, message);
                ledger.storeLastEdgeSeq(nodeId, seq);
                stored = seq;
            } else {
                LOG.debugf("Duplicate %s seq %d from node %s (stored up to %d); acknowledged, not applied",
                        message.getBodyCase(), Long.valueOf(seq), nodeId, Long.valueOf(stored));
            }
        }
        registry.recordSeen(nodeId, clock.instant());
        session.send(C2ToEdge.newBuilder().setStatusAck(StatusAck.newBuilder().setSeq(stored)).build());
    }

    private void commandAck(String nodeId, CommandAck ack) {
        ledger.acknowledge(nodeId, ack.getCommandSeq()).ifPresentOrElse(command -> {
            estop.acknowledged(nodeId, command, ack);
            if (!ack.getApplied()) {
                LOG.warnf("Node %s refused command %d (%s): %s", nodeId, ack.getCommandSeq(), command.getBodyCase(),
                        ack.getError());
                if (command.hasAssign()) {
                    missions.rejectAssignment(nodeId, command.getAssign().getAssignment().getMission().getId(),
                            ack.getError());
                }
            }
        }, () -> LOG.debugf("Node %s acknowledged command %d, which was not pending", nodeId, ack.getCommandSeq()));
    }
}
