package io.lockstep.edge.link;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.CommandAck;
import io.lockstep.proto.v1.EdgeLinkGrpc;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import io.lockstep.proto.v1.Welcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The node's end of {@code EdgeLink.Connect}: one long-lived bidirectional stream to C2, re-dialled
 * with exponential backoff and jitter whenever it breaks.
 *
 * <p>Each session: send Hello; wait for Welcome; drop from the outbox what C2 already stored
 * ({@code last_received_seq}) and re-send the rest in seq order; deliver spooled telemetry; then
 * stream heartbeats and whatever the node sends until the stream fails. Every message that needs an
 * acknowledgement goes through the {@link Outbox} first, so none is lost across a broken link or a
 * crash; C2 may see one twice, which it deduplicates by seq. On a live link, an entry C2 leaves
 * unacknowledged for longer than {@link LinkSettings#resendAfterMillis()} is sent again, so one that
 * C2 dropped silently is not stuck until the next reconnection.
 *
 * <p>Live telemetry is latest wins ({@link LatestLiveSample}): it is handed to the stream only while the
 * stream is ready (gRPC flow control; {@link LinkSettings#onReadyThresholdBytes()}); while it is not, only the
 * newest sample waits and goes out on {@code onReady}, and the ones it replaced are counted, never queued
 * behind the transport. With a C2 that grants live-sample credit ({@link LiveCredit}), a live sample also needs
 * credit: at most C2's window of them is in flight, and the newest waits for C2 to return credit. Telemetry recorded while the link is down (and the sample still waiting when a session
 * ends) is spooled and delivered, oldest first and all of it, as soon as a session is up again.
 */
public final class C2Link implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(C2Link.class);

    private final LinkSettings settings;
    private final ChannelFactory channels;
    private final Outbox outbox;
    private final TelemetrySpool spool;
    /** Guarded by sendLock (and its own lock). */
    private final LatestLiveSample live = new LatestLiveSample();
    private final Supplier<Hello> hello;
    private final Supplier<Heartbeat> heartbeat;
    private final LinkListener listener;
    private final Backoff backoff;
    private final Thread supervisor;
    /** Guarded by sendLock. */
    private final ResendSchedule resends;

    /** Serialises every write to the stream and orders resends before new messages. */
    private final Object sendLock = new Object();
    private Session active;
    private volatile LinkState state = LinkState.DISCONNECTED;
    private volatile boolean closing;
    /** Released by close(): wakes the supervisor from its backoff wait without an interrupt. */
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    /** The session being set up or running, so that close() can cancel it. */
    private volatile Session current;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private long failuresInARow;

    public C2Link(LinkSettings settings, ChannelFactory channels, Outbox outbox, TelemetrySpool spool,
            Supplier<Hello> hello, Supplier<Heartbeat> heartbeat, LinkListener listener, Backoff backoff) {
        this.settings = settings;
        this.channels = channels;
        this.outbox = outbox;
        this.spool = spool;
        this.hello = hello;
        this.heartbeat = heartbeat;
        this.listener = listener;
        this.backoff = backoff;
        this.resends = new ResendSchedule(settings.resendAfterMillis());
        this.supervisor = new Thread(this::run, "c2-link");
        this.supervisor.setDaemon(true);
    }

    public void start() {
        supervisor.start();
    }

    public LinkState state() {
        return state;
    }

    /** Number of sessions that reached Welcome since start. */
    public long sessionsEstablished() {
        return sessions.get();
    }

    /** Connection attempts that never reached Welcome (C2 down, refused, TLS failure). */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** C2 messages that carried no body this node understands (newer C2, or garbage). */
    public long unknownMessages() {
        return unknownMessages.get();
    }

    public Outbox outbox() {
        return outbox;
    }

    public TelemetrySpool spool() {
        return spool;
    }

    /** Live samples replaced by a newer one while the stream was not ready (never sent), since start. */
    public long liveSamplesReplaced() {
        return live.replaced();
    }

    /** Persists and (when connected) sends a status update; re-sent until C2 acknowledges it. */
    public EdgeToC2 sendStatus(StatusUpdate status) {
        return sendReliably(EdgeToC2.newBuilder().setStatus(status).build());
    }

    /** Persists and (when connected) sends a command ack; re-sent until C2 acknowledges it. */
    public EdgeToC2 sendAck(CommandAck ack) {
        return sendReliably(EdgeToC2.newBuilder().setAck(ack).build());
    }

    private EdgeToC2 sendReliably(EdgeToC2 message) {
        synchronized (sendLock) {
            EdgeToC2 stamped = outbox.append(message);
            if (Outbox.accepted(stamped) && active != null && active.send(stamped)) {
                resends.sent(stamped.getSeq(), System.nanoTime());
            }
            return stamped;
        }
    }

    /**
     * Sends a live telemetry sample now if the stream is ready; while it is not (C2 or the network not keeping
     * up), keeps it as the newest in place of an older one; spools it while the link is down.
     */
    public void sendTelemetry(Telemetry sample) {
        synchronized (sendLock) {
            if (active == null) {
                spool.add(sample);
                return;
            }
            // Samples spooled earlier go first, so that C2 gets telemetry in tick order.
            if (active.ready()) {
                flushSpool(active);
            }
            live.offer(active.live, sample);
        }
    }

    /** The stream drained below its on-ready threshold: spooled samples first, then the newest live one. */
    private void onStreamReady(Session session) {
        synchronized (sendLock) {
            if (active == session && session.ready() && flushSpool(session)) {
                live.onReady(session.live);
            }
        }
    }

    /** Hands every spooled sample to the stream, oldest first; false when the stream broke meanwhile. */
    private boolean flushSpool(Session session) {
        if (spool.size() == 0) {
            return true;
        }
        List<Telemetry> spooled = spool.drain();
        for (int i = 0; i < spooled.size(); i++) {
            // Marked, so that C2 keeps it in the history even when its storage is behind (proto: spooled).
            Telemetry late = spooled.get(i).toBuilder().setSpooled(true).build();
            if (!session.send(EdgeToC2.newBuilder().setTelemetry(late).build())) {
                // The link broke again mid-drain: keep what was not handed over for the next session.
                spooled.subList(i, spooled.size()).forEach(spool::add);
                return false;
            }
        }
        return true;
    }

    /** Re-sends outbox entries that C2 left unacknowledged for longer than the re-send timeout. */
    private void resendOverdue(Session session, long nowNanos) {
        List<EdgeToC2> overdue = resends.takeOverdue(outbox.pendingAfter(outbox.acknowledgedSeq()), nowNanos);
        if (!overdue.isEmpty()) {
            LOG.infof("re-sending %d message(s) C2 has not acknowledged within %d ms (oldest seq %d)",
                    overdue.size(), settings.resendAfterMillis(), overdue.get(0).getSeq());
        }
        for (EdgeToC2 m : overdue) {
            if (!session.send(m)) {
                return;
            }
        }
    }

    /** Asks C2 for a blob; returns false when the link is down (the caller asks again on reconnect). */
    public boolean requestBlob(BlobKind kind, String sha256) {
        return sendNow(EdgeToC2.newBuilder()
                .setBlobRequest(BlobRequest.newBuilder().setKind(kind).setSha256(sha256)).build());
    }

    /** Asks C2 for one chunk of a blob from {@code offset}; false when the link is down. */
    public boolean requestBlobChunk(BlobKind kind, String sha256, long offset, int maxChunkBytes) {
        return sendNow(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(kind)
                .setSha256(sha256).setOffset(offset).setMaxChunkBytes(maxChunkBytes)).build());
    }

    /**
     * Sends a message that needs no acknowledgement (journal upload messages answer each other); false when
     * the link is down, and the caller starts over when it is up again.
     */
    public boolean sendNow(EdgeToC2 message) {
        synchronized (sendLock) {
            return active != null && active.send(message);
        }
    }

    private void run() {
        int targetIndex = 0;
        while (!closing) {
            setState(LinkState.CONNECTING);
            ManagedChannel channel = null;
            C2Address target = settings.targets().get(targetIndex);
            // Whatever ends this attempt (a refused connection, a lost link), the next goes to the next replica.
            targetIndex = (targetIndex + 1) % settings.targets().size();
            try {
                channel = channels.open(target);
                runSession(channel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (closing) {
                    break;
                }
                failedAttempts.incrementAndGet();
                // Offline for hours must not mean a warning every few seconds: warn once, then debug.
                if (failuresInARow++ == 0) {
                    LOG.warnf("cannot reach C2 at %s (%s); retrying with backoff%s", target, rootMessage(e),
                            settings.targets().size() > 1 ? ", next " + settings.targets().get(targetIndex) : "");
                } else {
                    LOG.debugf("C2 attempt %d (%s) failed: %s", failuresInARow, target, rootMessage(e));
                }
            } finally {
                synchronized (sendLock) {
                    active = null;
                    // The newest live sample that never went out is history now: spooled, delivered on reconnect.
                    Telemetry unsent = live.take();
                    if (unsent != null) {
                        spool.add(unsent);
                    }
                }
                if (channel != null) {
                    channel.shutdownNow();
                    awaitTermination(channel);
                }
            }
            if (closing) {
                break;
            }
            setState(LinkState.DISCONNECTED);
            try {
                if (closeSignal.await(backoff.nextDelayMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        setState(LinkState.CLOSED);
    }

    private void runSession(ManagedChannel channel) throws InterruptedException {
        Session session = new Session();
        current = session;
        if (closing) {
            return;
        }
        EdgeLinkGrpc.newStub(channel).withOnReadyThreshold(settings.onReadyThresholdBytes()).connect(session);
        if (closing) {
            session.cancel("node shutting down");
            return;
        }
        // This link honours live-sample credit (LiveCredit), so it asks C2 for it.
        session.send(EdgeToC2.newBuilder().setHello(hello.get().toBuilder().setLiveCredit(true)).build());
        Welcome welcome;
        try {
            welcome = session.welcome.get(settings.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("stream closed before Welcome: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            session.cancel("no Welcome within " + settings.handshakeTimeoutMillis() + " ms");
            throw new IllegalStateException("no Welcome from C2 within " + settings.handshakeTimeoutMillis() + " ms");
        }
        synchronized (sendLock) {
            outbox.acknowledge(welcome.getLastReceivedSeq());
            List<EdgeToC2> resend = outbox.pendingAfter(welcome.getLastReceivedSeq());
            resends.reset();
            long now = System.nanoTime();
            for (EdgeToC2 m : resend) {
                session.send(m);
                resends.sent(m.getSeq(), now);
            }
            flushSpool(session);
            active = session;
            LOG.infof("C2 link up (C2 %s, stored up to seq %d, re-sent %d)", welcome.getC2Instance(),
                    welcome.getLastReceivedSeq(), resend.size());
        }
        sessions.incrementAndGet();
        failuresInARow = 0;
        backoff.reset();
        setState(LinkState.CONNECTED);
        superviseLiveSession(session);
        if (closing) {
            session.cancel("node shutting down");
        } else {
            LOG.warnf("C2 link down: %s", session.closeReason);
        }
    }

    /**
     * Until the session ends: heartbeats every heartbeatMillis, re-sends of overdue outbox entries,
     * and delivery of telemetry spooled while the stream was not ready.
     */
    private void superviseLiveSession(Session session) throws InterruptedException {
        long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
        // Check for overdue entries a few times per timeout, so a re-send is late by a fraction of it at most.
        long checkNanos = Math.min(heartbeatNanos,
                TimeUnit.MILLISECONDS.toNanos(Math.max(1, settings.resendAfterMillis() / 4)));
        long nextHeartbeat = System.nanoTime() + heartbeatNanos;
        while (!closing && !session.closed.await(checkNanos, TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            synchronized (sendLock) {
                if (now - nextHeartbeat >= 0) {
                    session.send(OutboundBounds.bounded(EdgeToC2.newBuilder().setHeartbeat(heartbeat.get()).build()));
                    nextHeartbeat = now + heartbeatNanos;
                }
                resendOverdue(session, now);
                if (session.ready() && flushSpool(session)) {
                    live.onReady(session.live);
                }
            }
        }
    }

    /** Lets in-flight callbacks finish, so nothing touches the outbox after the session is over. */
    private static void awaitTermination(ManagedChannel channel) {
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void setState(LinkState next) {
        if (state != next) {
            state = next;
            try {
                listener.onLinkState(next);
            } catch (RuntimeException e) {
                LOG.error("link state listener failed", e);
            }
        }
    }

    private void onMessage(Session session, C2ToEdge msg) {
        switch (msg.getBodyCase()) {
            case WELCOME -> {
                session.credit.welcome(msg.getWelcome().getLiveCredit());
                session.welcome.complete(msg.getWelcome());
            }
            case LIVE_CREDIT -> {
                session.credit.grant(msg.getLiveCredit().getSamples());
                onStreamReady(session);
            }
            case STATUS_ACK -> {
                if (msg.getStatusAck().getRefusedSeq() != 0) {
                    outbox.refusedByC2(msg.getStatusAck().getRefusedSeq(), msg.getStatusAck().getRefusedReason());
                }
                outbox.acknowledge(msg.getStatusAck().getSeq());
            }
            case BLOB -> listener.onBlob(msg.getBlob());
            case JOURNAL_REQUEST, JOURNAL_ACK -> listener.onJournal(msg);
            case ASSIGN, ABORT, EMERGENCY_STOP, CANCEL_MISSION -> listener.onCommand(msg);
            default -> {
                unknownMessages.incrementAndGet();
                LOG.warnf("ignoring a C2 message without a known body (command_seq %d)", msg.getCommandSeq());
            }
        }
    }

    @Override
    public void close() {
        // No interrupt: it would close the outbox's file channel under a thread that is writing it.
        closing = true;
        closeSignal.countDown();
        Session session = current;
        if (session != null) {
            session.cancel("node shutting down");
        }
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setState(LinkState.CLOSED);
    }

    /** One Connect stream: its request side, the Welcome handshake and its end. */
    private final class Session implements ClientResponseObserver<EdgeToC2, C2ToEdge>, LatestLiveSample.Stream {
        final CompletableFuture<Welcome> welcome = new CompletableFuture<>();
        /** Live-sample credit from C2 (Welcome, LiveSampleCredit); live samples go through {@link #live}. */
        final LiveCredit credit = new LiveCredit();
        /** This stream for live samples: ready only while credit is held, each sample spends one. */
        final LatestLiveSample.Stream live = credit.gate(this);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String closeReason = "";
        private volatile ClientCallStreamObserver<EdgeToC2> requests;

        @Override
        public void beforeStart(ClientCallStreamObserver<EdgeToC2> requestStream) {
            this.requests = requestStream;
            requestStream.setOnReadyHandler(() -> onStreamReady(this));
        }

        @Override
        public boolean ready() {
            return closed.getCount() > 0 && requests.isReady();
        }

        /** Hands a message to the stream; false when the session is already over. */
        @Override
        public boolean send(EdgeToC2 message) {
            if (closed.getCount() == 0) {
                return false;
            }
            try {
                requests.onNext(message);
                return true;
            } catch (RuntimeException e) {
                // The call was cancelled under us: the session is over, the outbox keeps the message.
                end("send failed: " + e);
                return false;
            }
        }

        void cancel(String why) {
            if (closed.getCount() > 0) {
                ClientCallStreamObserver<EdgeToC2> call = requests;
                if (call != null) {
                    call.cancel(why, null);
                }
                end(why);
            }
        }

        @Override
        public void onNext(C2ToEdge value) {
            if (closed.getCount() == 0) {
                return; // a late message of a session already given up
            }
            try {
                onMessage(this, value);
            } catch (RuntimeException e) {
                LOG.error("failed to handle a C2 message", e);
            }
        }

        @Override
        public void onError(Throwable t) {
            end("stream error: " + t);
        }

        @Override
        public void onCompleted() {
            end("C2 closed the stream");
        }

        private void end(String why) {
            if (closed.getCount() > 0) {
                closeReason = why;
                welcome.completeExceptionally(new IllegalStateException(why));
                closed.countDown();
            }
        }
    }
}
