package io.lockstep.c2.link;

import io.lockstep.c2.fleet.NodeCommands;
import io.lockstep.c2.metrics.CommandMetrics;
import io.lockstep.c2.replica.LinkOwnership;
import io.lockstep.c2.replica.RedisLocks;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Welcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * At-least-once, in-order command delivery, across any number of C2 replicas on one Redis. A command is
 * numbered and persisted in Redis before it is pushed, and stays there until the node acknowledges it; a
 * reconnecting node gets Welcome and then every unacknowledged command again. Numbering, persisting and
 * resuming hold the node's lock shared by all replicas ({@link RedisLocks#node}), so commands are stored in
 * sequence order whichever replica queued them. The replica holding the node's link pushes them: directly
 * when the command was queued there, otherwise on the pub/sub notice the queuing replica publishes (or at the
 * latest on its periodic sweep, {@link CommandRouting}). A push sends every stored command above the last
 * one pushed on that session, in order, so a command can neither be lost nor overtake an older one.
 * Commands for many nodes at once ({@link #sendAll}) take all their locks, numbers and stores in pipelined
 * round trips, and a command stored right after the last one pushed on a session goes out without reading
 * the node's outbox back.
 */
@ApplicationScoped
public class CommandOutbox implements NodeCommands {

    private final LinkLedger ledger;
    private final LinkSessions sessions;
    private final CommandMetrics metrics;
    private final RedisLocks locks;
    private final LinkOwnership ownership;
    private final CommandRouting routing;

    public CommandOutbox(LinkLedger ledger, LinkSessions sessions, CommandMetrics metrics, RedisLocks locks,
            LinkOwnership ownership, CommandRouting routing) {
        this.ledger = ledger;
        this.sessions = sessions;
        this.metrics = metrics;
        this.locks = locks;
        this.ownership = ownership;
        this.routing = routing;
    }

    @Override
    public long send(String nodeId, C2ToEdge.Builder command, LongConsumer recordNumbered) {
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
            long seq = ledger.nextCommandSeq(nodeId);
            recordNumbered.accept(seq);
            C2ToEdge numbered = command.setCommandSeq(seq).build();
            ledger.storePending(nodeId, numbered);
            sessions.find(nodeId).ifPresentOrElse(session -> pushStored(session, numbered),
                    () -> routing.announce(List.of(nodeId)));
            metrics.sent();
            return seq;
        }
    }

    @Override
    public Map<String, Long> sendAll(Map<String, C2ToEdge.Builder> commands, Consumer<Map<String, Long>> recordNumbered) {
        if (commands.isEmpty()) {
            return Map.of();
        }
        List<String> nodeIds = List.copyOf(commands.keySet());
        try (RedisLocks.HeldAll held = locks.holdAll(nodeIds.stream().map(RedisLocks::node).toList())) {
            Map<String, Long> seqs = ledger.nextCommandSeqs(nodeIds);
            recordNumbered.accept(seqs);
            Map<String, C2ToEdge> numbered = new LinkedHashMap<>();
            nodeIds.forEach(nodeId -> numbered.put(nodeId, commands.get(nodeId).setCommandSeq(seqs.get(nodeId)).build()));
            ledger.storePending(numbered);
            List<String> elsewhere = new ArrayList<>();
            numbered.forEach((nodeId, command) -> sessions.find(nodeId).ifPresentOrElse(
                    session -> pushStored(session, command), () -> elsewhere.add(nodeId)));
            routing.announce(elsewhere);
            metrics.sent(nodeIds.size());
            return seqs;
        }
    }

    /**
     * Like {@link #send}, unless a command with the same body is still pending for the node (it is re-sent on
     * every reconnect anyway): re-asserting a latched e-stop on each connect must not store one more copy
     * per connect while the node does not acknowledge them.
     */
    @Override
    public boolean sendUnlessPending(String nodeId, C2ToEdge.Builder command, LongConsumer recordNumbered) {
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
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
     * Makes {@code session} the node's live session on this replica and its link owner in Redis, forgets
     * commands the node says it already applied, then sends Welcome followed by every command still
     * unacknowledged.
     */
    void resume(LinkSession session, long lastAppliedCommandSeq, String c2Instance) {
        String nodeId = session.nodeId();
        try (RedisLocks.Held held = locks.hold(RedisLocks.node(nodeId))) {
            String token = c2Instance + "/" + UUID.randomUUID().toString().substring(0, 12);
            ownership.claim(nodeId, token);
            session.ownedAs(token);
            sessions.attach(session);
            ledger.raiseCommandSeqTo(nodeId, lastAppliedCommandSeq);
            ledger.acknowledgeThrough(nodeId, lastAppliedCommandSeq);
            synchronized (session.pushLock) {
                session.send(C2ToEdge.newBuilder()
                        .setWelcome(Welcome.newBuilder()
                                .setC2Instance(c2Instance)
                                .setLastReceivedSeq(ledger.lastEdgeSeq(nodeId))
                                .setLiveCredit(session.liveCreditWindow()))
                        .build());
                // Under the node lock every numbered command is stored (or was abandoned), so the counter
                // itself is covered once the pending ones below are sent.
                session.pushedThrough = Math.max(lastAppliedCommandSeq, ledger.lastCommandSeq(nodeId));
                List<C2ToEdge> unacknowledged = ledger.pending(nodeId);
                unacknowledged.forEach(command -> {
                    session.send(command);
                    session.pushedThrough = Math.max(session.pushedThrough, command.getCommandSeq());
                });
                metrics.resent(unacknowledged.size());
            }
        }
    }

    /** Sends the session every stored command above the last one it was sent, in sequence order. */
    void push(LinkSession session) {
        synchronized (session.pushLock) {
            sendAbove(session, ledger.pending(session.nodeId()));
        }
    }

    /** {@link #push} for many sessions, their outboxes read in one round trip. */
    void pushAll(Collection<LinkSession> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Map<String, List<C2ToEdge>> pending = ledger.pending(targets.stream().map(LinkSession::nodeId).toList());
        for (LinkSession session : targets) {
            synchronized (session.pushLock) {
                sendAbove(session, pending.getOrDefault(session.nodeId(), List.of()));
            }
        }
    }

    /**
     * Pushes {@code command}, just stored under the node's lock: on its own when it is the next one the session
     * needs (everything numbered before it was stored under the same lock and pushed already), otherwise with
     * whatever the session still lacks, read back from the outbox.
     */
    private void pushStored(LinkSession session, C2ToEdge command) {
        synchronized (session.pushLock) {
            if (session.pushedThrough == command.getCommandSeq() - 1) {
                session.send(command);
                session.pushedThrough = command.getCommandSeq();
            } else if (session.pushedThrough < command.getCommandSeq()) {
                push(session);
            }
        }
    }

    private static void sendAbove(LinkSession session, List<C2ToEdge> stored) {
        for (C2ToEdge command : stored) {
            if (command.getCommandSeq() > session.pushedThrough) {
                session.send(command);
                session.pushedThrough = command.getCommandSeq();
            }
        }
    }

    /** Whether the node's command counter is past what the session was sent (a command may be waiting). */
    static boolean behind(LinkSession session, long lastNumbered) {
        synchronized (session.pushLock) {
            return lastNumbered > session.pushedThrough;
        }
    }
}
