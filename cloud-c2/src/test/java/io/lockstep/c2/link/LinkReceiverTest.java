package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.proto.v1.AgentLogLine;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.StatusUpdate;
import io.lockstep.proto.v1.Telemetry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How one node's stream is read, under deterministic control: the worker pool is a queue of tasks the test
 * runs by hand (a pool that is busy until the test says otherwise), the upstream is the same unbounded
 * processor the gRPC stub feeds. Live samples never wait for the pool; anything else is handled in order
 * with nothing more read meanwhile; a held spooled sample pauses the stream.
 */
class LinkReceiverTest {

    /** The worker pool, busy until the test runs its tasks. */
    private final Deque<Runnable> pool = new ArrayDeque<>();
    private final Executor worker = pool::addLast;
    private final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Runnable> heldSpooled = new AtomicReference<>();
    private final List<String> ends = new ArrayList<>();
    private final LinkSession session = new LinkSession(openEmitter(), "test-peer");
    private final UnicastProcessor<EdgeToC2> upstream = UnicastProcessor.create();

    private final EdgeMessageHandler handler = new EdgeMessageHandler(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null) {
        @Override
        void handle(LinkSession on, EdgeToC2 message) {
            applied.add("worker:" + message.getBodyCase());
        }

        @Override
        Optional<String> liveTelemetry(LinkSession on, Telemetry sample, Runnable whenQueued) {
            applied.add("live:" + sample.getTick());
            if (sample.getSpooled()) {
                heldSpooled.set(whenQueued);
            } else {
                whenQueued.run();
            }
            return Optional.empty();
        }

        @Override
        void agentLogs(LinkSession on, EdgeToC2 message) {
            applied.add("logs:" + message.getTelemetry().getTick());
        }
    };

    private final LinkReceiver receiver = new LinkReceiver(session, handler, (on, message, step) -> {
        step.run();
        return true;
    }, worker, failure -> ends.add("failed"), () -> ends.add("completed"));

    LinkReceiverTest() {
        session.identify("node-1");
        upstream.subscribe().withSubscriber(receiver);
    }

    @Test
    void liveSamplesAreAppliedAtOnceWhileTheWorkerPoolIsBusy() {
        for (int tick = 0; tick < 1_000; tick++) {
            upstream.onNext(telemetry(tick));
        }
        // With every message hopping onto the pool (emitOn), none of these would be applied yet.
        assertThat(applied).hasSize(1_000).startsWith("live:0").endsWith("live:999");
        assertThat(pool).isEmpty();
    }

    @Test
    void otherMessagesAreHandledInOrderAndNothingIsReadMeanwhile() {
        upstream.onNext(telemetry(1));
        upstream.onNext(status());
        upstream.onNext(telemetry(2));
        upstream.onNext(telemetry(3).toBuilder().setTelemetry(telemetry(3).getTelemetry().toBuilder()
                .addLogs(AgentLogLine.newBuilder().setMessage("hello"))).build());
        upstream.onNext(telemetry(4));
        assertThat(applied).containsExactly("live:1");
        assertThat(pool).hasSize(1);

        runPool();
        assertThat(applied).containsExactly("live:1", "worker:STATUS", "live:2", "live:3", "logs:3", "live:4");
    }

    @Test
    void aSpooledSampleWaitingForStoragePausesTheStream() {
        upstream.onNext(telemetry(1).toBuilder().setTelemetry(Telemetry.newBuilder().setTick(1).setSpooled(true))
                .build());
        upstream.onNext(telemetry(2));
        upstream.onNext(telemetry(3));
        assertThat(applied).containsExactly("live:1");

        heldSpooled.get().run();
        assertThat(applied).containsExactly("live:1", "live:2", "live:3");
    }

    @Test
    void theStreamEndsAfterTheMessageInHand() {
        upstream.onNext(status());
        upstream.onComplete();
        assertThat(ends).isEmpty();

        runPool();
        assertThat(applied).containsExactly("worker:STATUS");
        assertThat(ends).containsExactly("completed");
    }

    /** C2's side of a stream, open and unread (the session only looks whether it is still open). */
    private static MultiEmitter<? super C2ToEdge> openEmitter() {
        AtomicReference<MultiEmitter<? super C2ToEdge>> emitter = new AtomicReference<>();
        Multi.createFrom().<C2ToEdge>emitter(emitter::set).subscribe().with(item -> { });
        return emitter.get();
    }

    private void runPool() {
        while (!pool.isEmpty()) {
            pool.pollFirst().run();
        }
    }

    private static EdgeToC2 telemetry(long tick) {
        return EdgeToC2.newBuilder().setTelemetry(Telemetry.newBuilder().setTick(tick)).build();
    }

    private static EdgeToC2 status() {
        return EdgeToC2.newBuilder().setSeq(1).setStatus(StatusUpdate.newBuilder().setMissionId("m-1")).build();
    }
}
