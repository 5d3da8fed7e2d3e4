package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.proto.link.LatestLiveSample;
import io.lockstep.proto.link.LiveCredit;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.EdgeToC2;
import io.lockstep.proto.v1.Telemetry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live-sample credit against the real link (docs/wire-contracts.md): a node that asked for it sends, through the
 * shared sender code ({@link LatestLiveSample} gated by {@link LiveCredit}), no more than its window of live
 * samples until C2 returns credit; C2 returns one credit per processed sample, in batches, and none to a node
 * that did not ask. A blob request for an unknown digest marks "everything sent before it is processed": C2
 * reads a node's messages in order and answers it after them.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class LiveCreditLinkTest {

    private static final String UNKNOWN_SHA256 = "0".repeat(64);

    @Inject
    C2Config config;

    @Inject
    LiveCredits liveCredits;

    private static EdgeToC2 hello(String nodeId, boolean liveCredit) {
        EdgeToC2 hello = FakeEdgeNode.hello(nodeId, 0);
        return hello.toBuilder().setHello(hello.getHello().toBuilder().setLiveCredit(liveCredit)).build();
    }

    private static Telemetry sample(long tick) {
        return Telemetry.newBuilder().setTick(tick).setXM(tick).build();
    }

    /** Waits until C2 has processed everything the node sent before. */
    private static void processedSoFar(FakeEdgeNode node) throws InterruptedException {
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(UNKNOWN_SHA256)).build());
        node.await(C2ToEdge::hasBlob);
    }

    private static List<Integer> grants(FakeEdgeNode node) {
        return node.takeAll(C2ToEdge::hasLiveCredit).stream().map(m -> m.getLiveCredit().getSamples()).toList();
    }

    @Test
    void aNodeThatSpentItsCreditSendsNothingMoreUntilC2ReturnsSomeAndThenItsNewest() throws Exception {
        assertThat(config.link().liveCredit()).as("the documented default").isEqualTo(4);
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(hello("credit-node-1", true));
            LiveCredit credit = new LiveCredit();
            credit.welcome(node.await(C2ToEdge::hasWelcome).getWelcome().getLiveCredit());
            assertThat(credit.window()).isEqualTo(4);

            List<Long> sent = new ArrayList<>();
            LatestLiveSample live = new LatestLiveSample();
            LatestLiveSample.Stream gated = credit.gate(new LatestLiveSample.Stream() {
                @Override
                public boolean ready() {
                    return true;
                }

                @Override
                public boolean send(EdgeToC2 message) {
                    sent.add(message.getTelemetry().getTick());
                    node.send(message);
                    return true;
                }
            });
            // 100 samples while the credit C2 returns is held back (not yet "arrived").
            for (long tick = 1; tick <= 100; tick++) {
                live.offer(gated, sample(tick));
            }
            processedSoFar(node);
            assertThat(sent).as("the window, nothing more").containsExactly(1L, 2L, 3L, 4L);
            List<Integer> returned = grants(node);
            assertThat(returned).as("one credit per processed sample, two batches").containsExactly(2, 2);

            returned.forEach(credit::grant);
            live.onReady(gated);
            assertThat(sent).as("then the newest only").endsWith(4L, 100L).hasSize(5);
            assertThat(live.replaced()).isEqualTo(95);
        }
    }

    @Test
    void aNodeThatDidNotAskForCreditGetsNoneAndIsReadAsBefore() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(hello("credit-node-2", false));
            assertThat(node.await(C2ToEdge::hasWelcome).getWelcome().getLiveCredit()).isZero();
            for (long tick = 1; tick <= 40; tick++) {
                node.send(EdgeToC2.newBuilder().setTelemetry(sample(tick)).build());
            }
            processedSoFar(node);
            assertThat(grants(node)).isEmpty();
        }
    }

    @Test
    void aNodeThatIgnoresItsCreditEarnsOneCreditPerProcessedSampleAndNoMore() throws Exception {
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(hello("credit-node-3", true));
            node.await(C2ToEdge::hasWelcome);
            for (long tick = 1; tick <= 50; tick++) {
                node.send(EdgeToC2.newBuilder().setTelemetry(sample(tick)).build());
            }
            // Spooled samples spend no credit and earn none.
            node.send(EdgeToC2.newBuilder().setTelemetry(sample(51).toBuilder().setSpooled(true)).build());
            processedSoFar(node);
            List<Integer> returned = grants(node);
            assertThat(returned).allMatch(grant -> grant == 2);
            assertThat(returned.stream().mapToInt(Integer::intValue).sum()).as("whole batches of 50").isEqualTo(50);
        }
    }

    @Test
    void aStreamsCreditCountsInTheC2WidePoolUntilTheStreamEnds() throws Exception {
        assertThat(config.link().liveCreditPool()).as("the documented default").isEqualTo(256);
        int before = liveCredits.inFlight();
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.send(hello("credit-node-4", true));
            node.await(C2ToEdge::hasWelcome);
            assertThat(liveCredits.inFlight()).as("the window the Welcome gave").isEqualTo(before + 4);
            node.send(EdgeToC2.newBuilder().setTelemetry(sample(1)).build());
            processedSoFar(node);
            assertThat(liveCredits.inFlight()).as("one sample processed, its credit not yet due").isEqualTo(before + 3);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (liveCredits.inFlight() != before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(liveCredits.inFlight()).as("the ended stream's credit is back in the pool").isEqualTo(before);
    }
}
