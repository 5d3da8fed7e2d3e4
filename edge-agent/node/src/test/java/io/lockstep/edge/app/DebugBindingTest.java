package io.lockstep.edge.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebugBindingTest {

    @Test
    void loopbackIsAlwaysFine() {
        assertDoesNotThrow(() -> NodeLifecycle.checkDebugBinding("127.0.0.1", false));
        assertDoesNotThrow(() -> NodeLifecycle.checkDebugBinding("localhost", false));
        assertDoesNotThrow(() -> NodeLifecycle.checkDebugBinding("::1", false));
    }

    @Test
    void anythingElseNeedsTheExplicitSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NodeLifecycle.checkDebugBinding("0.0.0.0", false));
        assertTrue(e.getMessage().contains("lockstep.node.debug.allow-remote"));
        assertDoesNotThrow(() -> NodeLifecycle.checkDebugBinding("0.0.0.0", true));
        assertThrows(IllegalStateException.class, () -> NodeLifecycle.checkDebugBinding("no-such-host.invalid", false));
    }
}
