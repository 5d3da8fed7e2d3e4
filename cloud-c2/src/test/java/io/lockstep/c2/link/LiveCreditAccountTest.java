package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.proto.link.LiveCredit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One stream's credit with no C2-wide bound (pool capacity 0): batches of half the window, never more than used. */
class LiveCreditAccountTest {

    private final LiveCreditPool unbounded = new LiveCreditPool(0, 1000, () -> 0);

    private LiveCreditAccount open(int window, List<Integer> grants) {
        LiveCreditAccount account = new LiveCreditAccount(window, grants::add);
        unbounded.open(account);
        return account;
    }

    /** A node that sends only with credit and gets every grant at once: what C2 returns after each sample. */
    private List<Integer> processEach(LiveCreditAccount account, List<Integer> grants, int samples) {
        List<Integer> perSample = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int before = grants.size();
            unbounded.processed(account);
            perSample.add(grants.size() == before ? 0 : grants.get(grants.size() - 1));
        }
        return perSample;
    }

    @Test
    void creditComesBackInBatchesOfHalfTheWindow() {
        List<Integer> grants = new ArrayList<>();
        LiveCreditAccount account = open(8, grants);
        assertThat(processEach(account, grants, 8)).containsExactly(0, 0, 0, 4, 0, 0, 0, 4);
    }

    @Test
    void anOddWindowRoundsTheBatchUpAndAWindowOfOneReturnsEachSample() {
        List<Integer> fiveGrants = new ArrayList<>();
        assertThat(processEach(open(5, fiveGrants), fiveGrants, 3)).containsExactly(0, 0, 3);
        List<Integer> oneGrants = new ArrayList<>();
        assertThat(processEach(open(1, oneGrants), oneGrants, 2)).containsExactly(1, 1);
    }

    @Test
    void aFloodingNodeEarnsOneCreditPerProcessedSampleAndNoMore() {
        List<Integer> grants = new ArrayList<>();
        LiveCreditAccount account = open(8, grants);
        for (int i = 0; i < 100_003; i++) {
            unbounded.processed(account);
        }
        assertThat(grants.stream().mapToLong(Integer::longValue).sum()).as("whole batches of the samples processed")
                .isEqualTo(100_000);
        assertThat(grants).as("no grant above one batch").allMatch(grant -> grant == 4);
        assertThat(account.outstanding()).as("never above the window").isEqualTo(5);
    }

    @Test
    void aSampleWithoutCreditUsesNone() {
        LiveCreditAccount account = new LiveCreditAccount(2, samples -> { });
        assertThat(account.use()).isTrue();
        assertThat(account.use()).isTrue();
        assertThat(account.use()).as("the node sent it without credit").isFalse();
        assertThat(account.due()).isEqualTo(2);
    }

    @Test
    void theWindowIsBounded() {
        assertThat(new LiveCreditAccount(LiveCredit.MAX_WINDOW, samples -> { }).window()).isEqualTo(LiveCredit.MAX_WINDOW);
        assertThatThrownBy(() -> new LiveCreditAccount(LiveCredit.MAX_WINDOW + 1, samples -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveCreditAccount(0, samples -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
