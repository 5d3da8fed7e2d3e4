package io.lockstep.c2.link;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.lockstep.c2.fleet.FleetFullException;
import io.lockstep.c2.fleet.NodeRegistry;
import io.lockstep.c2.replica.LinkOwnership;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.MutinyEdgeLinkGrpc;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.lockstep.c2.config.C2Config;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The EdgeLink gRPC service: one bidirectional stream per connected node. Incoming messages are handled
 * in order, one at a time ({@link LinkReceiver}: plain telemetry at once, the rest on a worker thread); nothing a node sends can take C2 down — a protocol violation closes that
 * node's stream with INVALID_ARGUMENT, a storage failure with UNAVAILABLE (the node reconnects).
 */
@GrpcService
public class EdgeLinkService extends MutinyEdgeLinkGrpc.EdgeLinkImplBase {

    private static final Logger LOG = Logger.getLogger(EdgeLinkService.class);

    private final EdgeMessageHandler handler;
    private final LinkSessions sessions;
    private final NodeRegistry registry;
    private final Clock clock;
    private final Duration helloTimeout;

    private final LinkOwnership ownership;
    private final LiveCredits liveCredits;

    public EdgeLinkService(EdgeMessageHandler handler, LinkSessions sessions, NodeRegistry registry, Clock clock,
            C2Config config, LinkOwnership ownership, LiveCredits liveCredits) {
        this.ownership = ownership;
        this.liveCredits = liveCredits;
        this.handler = handler;
        this.sessions = sessions;
        this.registry = registry;
        this.clock = clock;
        this.helloTimeout = config.link().helloTimeout();
    }

    /** The service with a parser that lets unreadable bytes reach the handler (see {@link InvalidFrames}). */
    @Override
    public ServerServiceDefinition bindService() {
        return InvalidFrames.tolerant(super.bindService());
    }

    @Override
    public Multi<C2ToEdge> connect(Multi<EdgeToC2> inbound) {
        String peer = PeerAddress.current();
        String certifiedNodeId = PeerAddress.certifiedNodeId().orElse(null);
        return Multi.createFrom().emitter(emitter -> {
            LinkSession session = new LinkSession(emitter, peer, certifiedNodeId);
            if (!sessions.accepting()) {
                session.close(Status.UNAVAILABLE.withDescription("C2 is shutting down; reconnect later"));
                return;
            }
            AtomicReference<Cancellable> subscription = new AtomicReference<>();
            // A stream that never says Hello would otherwise hold its resources forever.
            ScheduledFuture<?> helloDeadline = Infrastructure.getDefaultWorkerPool().schedule(() -> {
                if (!session.identified() && !session.closed()) {
                    LOG.warnf("Closing %s: no Hello within %s", session, helloTimeout);
                    session.close(Status.DEADLINE_EXCEEDED.withDescription("no Hello within " + helloTimeout));
                }
            }, helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                helloDeadline.cancel(false);
                Cancellable upstream = subscription.get();
                if (upstream != null) {
                    upstream.cancel();
                }
                disconnected(session);
            });
            LinkReceiver receiver = new LinkReceiver(session, handler, this::receive,
                    Infrastructure.getDefaultWorkerPool(),
                    failure -> {
                        LOG.debugf("%s ended: %s", session, failure.toString());
                        disconnected(session);
                        session.close(Status.CANCELLED.withDescription("link closed by the node"));
                    },
                    () -> {
                        // Forget the session before answering, so the node never sees its
                        // stream end while C2 still counts it as connected.
                        disconnected(session);
                        session.complete();
                    });
            subscription.set(receiver);
            inbound.subscribe().withSubscriber(receiver);
        });
    }

    /** Runs one step of handling a node's message; a failure closes that node's stream. False when it failed. */
    private boolean receive(LinkSession session, EdgeToC2 message, Runnable step) {
        if (session.closed()) {
            return true;
        }
        try {
            step.run();
            return true;
        } catch (ProtocolViolationException e) {
            LOG.warnf("Closing %s: %s", session, e.getMessage());
            session.close(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        } catch (NodeIdentityMismatchException e) {
            LOG.warnf("Refusing %s: %s", session, e.getMessage());
            session.close(Status.PERMISSION_DENIED.withDescription(e.getMessage()));
        } catch (FleetFullException e) {
            LOG.warnf("Closing %s: %s", session, e.getMessage());
            session.close(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Closing %s after a failure handling %s", session, message.getBodyCase());
            // The node sees that C2 failed, not C2's internals (class names, stack traces stay in C2's log).
            session.close(Status.UNAVAILABLE.withDescription("C2 could not process the message; reconnect later"));
        }
        return false;
    }

    private void disconnected(LinkSession session) {
        if (!session.markDisconnected()) {
            return;
        }
        sessions.detach(session);
        liveCredits.closed(session);
        if (session.identified()) {
            LOG.infof("Node %s disconnected", session.nodeId());
            // The stream's termination can arrive on an event-loop thread, where a blocking Redis call fails:
            // the claim release and the last-seen time are written from a worker thread.
            Infrastructure.getDefaultWorkerPool().execute(() -> forget(session));
        }
    }

    private void forget(LinkSession session) {
        try {
            if (session.ownerToken() != null) {
                ownership.release(session.nodeId(), session.ownerToken());
            }
            registry.recordSeen(session.nodeId(), clock.instant());
        } catch (RuntimeException e) {
            // The claim then lapses with its lease (lockstep.c2.replicas.link-lease).
            LOG.warnf("Could not record the disconnect of node %s: %s", session.nodeId(), e.toString());
        }
    }
}
