package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.proto.link.LiveCredit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C2's side of live-sample credit: one credit back per processed sample, in batches, never more. */
class LiveCreditAccountTest {

    @Test
    void creditComesBackInBatchesOfHalfTheWindow() {
        LiveCreditAccount account = new LiveCreditAccount(8);
        List<Integer> grants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            grants.add(account.processed());
        }
        assertThat(grants).containsExactly(0, 0, 0, 4, 0, 0, 0, 4);
    }

    @Test
    void anOddWindowRoundsTheBatchUpAndAWindowOfOneReturnsEachSample() {
        LiveCreditAccount five = new LiveCreditAccount(5);
        assertThat(List.of(five.processed(), five.processed(), five.processed())).containsExactly(0, 0, 3);
        LiveCreditAccount one = new LiveCreditAccount(1);
        assertThat(List.of(one.processed(), one.processed())).containsExactly(1, 1);
    }

    @Test
    void aFloodingNodeEarnsOneCreditPerProcessedSampleAndNoMore() {
        LiveCreditAccount account = new LiveCreditAccount(8);
        long returned = 0;
        int largest = 0;
        for (int i = 0; i < 100_003; i++) {
            int grant = account.processed();
            returned += grant;
            largest = Math.max(largest, grant);
        }
        assertThat(returned).as("whole batches of the samples processed").isEqualTo(100_000);
        assertThat(largest).as("no grant above one batch").isEqualTo(4);
    }

    @Test
    void theWindowIsBounded() {
        assertThat(new LiveCreditAccount(LiveCredit.MAX_WINDOW).window()).isEqualTo(LiveCredit.MAX_WINDOW);
        assertThatThrownBy(() -> new LiveCreditAccount(LiveCredit.MAX_WINDOW + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveCreditAccount(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
