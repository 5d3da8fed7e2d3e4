package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkServerSettingsTest {

    @Test
    void aWindowThatIsNotPositiveIsRefusedNamingTheSetting() {
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> LinkServerSettings.checkedWindow(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lockstep.c2.link.flow-control-window-bytes")
                    .hasMessageContaining("was " + bad);
        }
    }

    @Test
    void aPositiveWindowIsKept() {
        assertThat(LinkServerSettings.checkedWindow(1)).isEqualTo(1);
        assertThat(LinkServerSettings.checkedWindow(16384)).isEqualTo(16384);
    }
}
