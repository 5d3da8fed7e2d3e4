package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The start check of the link server: C2 does not run on without the server the edge nodes connect to. */
class LinkServerStartedTest {

    @Test
    void aSeparateLinkServerThatDidNotStartStopsTheStartNamingTheAddress() {
        assertThatThrownBy(() -> LinkServerStarted.requireStarted(true, 0, "127.0.0.1:18482"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:18482")
                .hasMessageContaining("quarkus.grpc.server.port");
    }

    @Test
    void aStartedLinkServerOrOneSharingTheHttpServerPasses() {
        assertThatCode(() -> LinkServerStarted.requireStarted(true, 1, "127.0.0.1:9000")).doesNotThrowAnyException();
        assertThatCode(() -> LinkServerStarted.requireStarted(false, 0, "127.0.0.1:9000")).doesNotThrowAnyException();
    }
}
