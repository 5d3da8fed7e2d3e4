package io.lockstep.c2.link;

import io.lockstep.c2.fleet.NodeCommands;
import io.lockstep.c2.metrics.CommandMetrics;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Welcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * At-least-once, in-order command delivery. A command is numbered and persisted before it is pushed, and
 * stays persisted until the node acknowledges it; a reconnecting node gets Welcome and then every
 * unacknowledged command again. Sending and resuming for one node hold the same lock, so a command can
 * neither be lost between the two nor overtake an older one on the wire.
 */
@ApplicationScoped
public class CommandOutbox implements NodeCommands {

    private final LinkLedger ledger;
    private final LinkSessions sessions;
    private final CommandMetrics metrics;

    public CommandOutbox(LinkLedger ledger, LinkSessions sessions, CommandMetrics metrics) {
        this.ledger = ledger;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public long send(String nodeId, C2ToEdge.Builder command, LongConsumer recordNumbered) {
        synchronized (sessions.lockFor(nodeId)) {
            long seq = ledger.nextCommandSeq(nodeId);
            recordNumbered.accept(seq);
            C2ToEdge numbered = command.setCommandSeq(seq).build();
            ledger.storePending(nodeId, numbered);
            sessions.find(nodeId).ifPresent(session -> session.send(numbered));
            metrics.sent();
            return seq;
        }
    }

    /**
     * Like {@link #send}, unless a command with the same body is still pending for the node (it is re-sent on
     * every reconnect anyway): re-asserting a latched e-stop on each connect must not store one more copy
     * per connect while the node does not acknowledge them.
     */
    @Override
    public boolean sendUnlessPending(String nodeId, C2ToEdge.Builder command, LongConsumer recordNumbered) {
        synchronized (sessions.lockFor(nodeId)) {
            C2ToEdge unnumbered = command.clone().clearCommandSeq().build();
            boolean pending = ledger.pending(nodeId).stream()
                    .anyMatch(stored -> stored.toBuilder().clearCommandSeq().build().equals(unnumbered));
            if (pending) {
                return false;
            }
            send(nodeId, command, recordNumbered);
            return true;
        }
    }

    /**
     * Makes {@code session} the node's live session, forgets commands the node says it already applied,
     * then sends Welcome followed by every command still unacknowledged.
     */
    void resume(LinkSession session, long lastAppliedCommandSeq, String c2Instance) {
        String nodeId = session.nodeId();
        synchronized (sessions.lockFor(nodeId)) {
            sessions.attach(session);
            ledger.raiseCommandSeqTo(nodeId, lastAppliedCommandSeq);
            ledger.acknowledgeThrough(nodeId, lastAppliedCommandSeq);
            session.send(C2ToEdge.newBuilder()
                    .setWelcome(Welcome.newBuilder()
                            .setC2Instance(c2Instance)
                            .setLastReceivedSeq(ledger.lastEdgeSeq(nodeId)))
                    .build());
            List<C2ToEdge> unacknowledged = ledger.pending(nodeId);
            unacknowledged.forEach(session::send);
            metrics.resent(unacknowledged.size());
        }
    }
}
