package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The C2-wide bound on live samples in flight: nodes take turns for the room, idle and closed credit is freed. */
class LiveCreditPoolTest {

    private final AtomicLong nowMs = new AtomicLong(1_000);

    /** A node that sends a live sample only while it holds credit (as LiveCredit does), and C2's queue of them. */
    private static final class Node {
        final String name;
        final LiveCreditAccount account;
        int held;
        final List<Integer> grants = new ArrayList<>();

        Node(String name, int window, List<String> order) {
            this.name = name;
            this.held = window;
            this.account = new LiveCreditAccount(window, samples -> {
                grants.add(samples);
                held += samples;
                order.add(name);
            });
        }
    }

    private static Node open(LiveCreditPool pool, String name, int window, List<String> order) {
        Node node = new Node(name, window, order);
        pool.open(node.account);
        return node;
    }

    private LiveCreditPool pool(int capacity) {
        return new LiveCreditPool(capacity, 1_000, nowMs::get);
    }

    @Test
    void samplesInFlightOverAllNodesStayWithinThePoolOnceTheWelcomeWindowsAreUsed() {
        int capacity = 12;
        LiveCreditPool pool = pool(capacity);
        List<String> order = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nodes.add(open(pool, "n" + i, 4, order));
        }
        assertThat(pool.inFlight()).as("every Welcome gives the whole window").isEqualTo(80);
        // Each round every node with credit sends one sample (C2's queue), then C2 processes a few in order.
        ArrayDeque<Node> queue = new ArrayDeque<>();
        Random random = new Random(7);
        int mostInFlightLater = 0;
        long processed = 0;
        for (int round = 0; round < 2_000; round++) {
            for (Node node : nodes) {
                if (node.held > 0) {
                    node.held--;
                    queue.add(node);
                }
            }
            for (int read = random.nextInt(6); read > 0 && !queue.isEmpty(); read--) {
                pool.processed(queue.poll().account);
                processed++;
            }
            int samplesInFlight = queue.size() + nodes.stream().mapToInt(n -> n.held).sum();
            assertThat(samplesInFlight).as("the pool counts exactly the credit held or spent").isEqualTo(pool.inFlight());
            if (processed > 80) {
                mostInFlightLater = Math.max(mostInFlightLater, samplesInFlight);
            }
        }
        assertThat(mostInFlightLater).as("after the first 80 samples the pool's bound holds").isLessThanOrEqualTo(capacity);
        int fewest = nodes.stream().mapToInt(n -> n.grants.stream().mapToInt(Integer::intValue).sum()).min().orElseThrow();
        int most = nodes.stream().mapToInt(n -> n.grants.stream().mapToInt(Integer::intValue).sum()).max().orElseThrow();
        assertThat(most - fewest).as("nodes take turns: no node gets much more than another").isLessThanOrEqualTo(4);
        assertThat(fewest).as("and every node gets credit back").isGreaterThan(100);
    }

    @Test
    void nodesGetTheirCreditBackInTheOrderTheyUsedIt() {
        LiveCreditPool pool = pool(2);
        List<String> order = new ArrayList<>();
        Node a = open(pool, "a", 1, order);
        Node b = open(pool, "b", 1, order);
        Node c = open(pool, "c", 1, order);
        pool.processed(c.account);
        pool.processed(a.account);
        assertThat(order).as("3 in flight, then 2: c's credit comes back once there is room").containsExactly("c");
        pool.processed(b.account);
        assertThat(order).containsExactly("c", "a");
        pool.processed(c.account);
        assertThat(order).as("b used its credit before c's second sample").containsExactly("c", "a", "b");
        assertThat(pool.waiting()).isEqualTo(1);
    }

    @Test
    void creditANodeHoldsUnusedIsFreedForTheOthersAndCountsAgainWhenItSends() {
        LiveCreditPool pool = pool(4);
        List<String> order = new ArrayList<>();
        Node quiet = open(pool, "quiet", 4, order);
        Node busy = open(pool, "busy", 4, order);
        for (int i = 0; i < 4; i++) {
            pool.processed(busy.account);
        }
        assertThat(order).as("the quiet node's window fills the pool").isEmpty();
        assertThat(pool.waiting()).isEqualTo(1);

        nowMs.addAndGet(999);
        pool.sweep();
        assertThat(order).as("credit held for under a second still counts").isEmpty();
        nowMs.addAndGet(1);
        pool.sweep();
        assertThat(order).as("unused for a second: the quiet node's credit is not counted").containsExactly("busy");
        assertThat(pool.inFlight()).isEqualTo(4);

        pool.processed(quiet.account);
        assertThat(pool.inFlight()).as("the quiet node sends again: its 3 left count again").isEqualTo(7);
        nowMs.addAndGet(1);
        pool.sweep();
        assertThat(pool.inFlight()).as("and stay counted while it keeps using them").isEqualTo(7);
    }

    @Test
    void aClosedStreamsCreditGoesToTheNextInLineAndItGetsNoMore() {
        LiveCreditPool pool = pool(2);
        List<String> order = new ArrayList<>();
        Node leaving = open(pool, "leaving", 2, order);
        Node staying = open(pool, "staying", 2, order);
        pool.processed(staying.account);
        assertThat(order).isEmpty();
        pool.processed(leaving.account);
        pool.closed(leaving.account);
        assertThat(order).containsExactly("staying");
        pool.processed(leaving.account);
        pool.closed(leaving.account);
        assertThat(order).as("nothing for a closed stream, closing twice frees nothing twice").containsExactly("staying");
        assertThat(pool.inFlight()).isEqualTo(2);
    }

    @Test
    void aNodeThatIgnoresItsCreditIsNeverOwedMoreThanItsWindow() {
        LiveCreditPool pool = pool(4);
        List<String> order = new ArrayList<>();
        Node flooding = open(pool, "flooding", 4, order);
        Node other = open(pool, "other", 4, order);
        for (int i = 0; i < 1_000; i++) {
            pool.processed(flooding.account);
        }
        assertThat(flooding.grants).as("the pool is full of the other node's window").isEmpty();
        assertThat(pool.inFlight()).isEqualTo(4);
        assertThat(flooding.account.outstanding()).isZero();
    }

    @Test
    void aNegativePoolIsRefused() {
        assertThatThrownBy(() -> pool(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    }
}
