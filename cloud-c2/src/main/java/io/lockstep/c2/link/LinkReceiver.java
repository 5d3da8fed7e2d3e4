package io.lockstep.c2.link;

import io.lockstep.proto.v1.EdgeToC2;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads one node's inbound stream one message at a time (a credit of one), in arrival order:
 * <ul>
 * <li>plain telemetry is applied on the receiving thread ({@link EdgeMessageHandler#liveTelemetry}: in-memory
 * live view and a non-blocking hand-over to storage), and the next message is asked for right after;</li>
 * <li>everything else (and telemetry's agent log lines) runs on a worker thread, and the next message is asked
 * for when it is done.</li>
 * </ul>
 * Why: the stream used to hop every message onto the worker pool ({@code emitOn}), which took messages as fast
 * as the network delivered them into a queue without bound; with the pool busy, a live sample waited there
 * behind thousands of older ones (tens of seconds at 1,000 nodes × 100 Hz). Now no live sample waits for a
 * worker, and while a message is being handled nothing more is taken from the node: what arrives meanwhile
 * waits in the gRPC stub's buffer for as long as one message takes, and a node that outruns C2 meets gRPC
 * flow control (its stream stops being ready and it spools) instead of a growing queue in C2.
 */
final class LinkReceiver implements MultiSubscriber<EdgeToC2>, Cancellable {

    /** How the link applies a message: catches what it throws and closes the session; false when it threw. */
    interface Guard {
        boolean apply(LinkSession session, EdgeToC2 message, Runnable step);
    }

    private final LinkSession session;
    private final EdgeMessageHandler handler;
    private final Guard guard;
    private final Executor worker;
    private final Consumer<Throwable> onFailure;
    private final Runnable onCompletion;
    private volatile Flow.Subscription subscription;
    /** Guarded by this: a message is being handled (no credit out); the end of the stream waits for it. */
    private boolean busy;
    private Runnable pendingEnd;

    LinkReceiver(LinkSession session, EdgeMessageHandler handler, Guard guard, Executor worker,
            Consumer<Throwable> onFailure, Runnable onCompletion) {
        this.session = session;
        this.handler = handler;
        this.guard = guard;
        this.worker = worker;
        this.onFailure = onFailure;
        this.onCompletion = onCompletion;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onItem(EdgeToC2 message) {
        synchronized (this) {
            busy = true;
        }
        if (session.closed()) {
            next();
            return;
        }
        if (handler.appliesAtOnce(session, message)) {
            // The step calls afterLive once the sample is taken; if it threw, the session is closing.
            if (!guard.apply(session, message, () -> handler.liveTelemetry(session, message.getTelemetry(),
                    () -> afterLive(message)))) {
                next();
            }
        } else {
            worker.execute(() -> {
                guard.apply(session, message, () -> handler.handle(session, message));
                next();
            });
        }
    }

    /** After a telemetry sample went live (and to storage): its log lines, if any, on a worker; then read on. */
    private void afterLive(EdgeToC2 message) {
        if (!EdgeMessageHandler.hasLogs(message)) {
            next();
            return;
        }
        worker.execute(() -> {
            guard.apply(session, message, () -> handler.agentLogs(session, message));
            next();
        });
    }

    private void next() {
        Runnable end;
        synchronized (this) {
            busy = false;
            end = pendingEnd;
            pendingEnd = null;
        }
        if (end != null) {
            end.run();
        } else if (!session.closed()) {
            subscription.request(1);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        end(() -> onFailure.accept(failure));
    }

    @Override
    public void onCompletion() {
        end(onCompletion);
    }

    /** The stream's end is reported after the message in hand is done, as the node sent it after that message. */
    private void end(Runnable report) {
        synchronized (this) {
            if (busy) {
                pendingEnd = report;
                return;
            }
        }
        report.run();
    }

    @Override
    public void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
