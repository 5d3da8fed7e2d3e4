package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.RawHttp2Link;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The link's HTTP/2 flow-control window is the small fixed one of {@code lockstep.c2.link.flow-control-window-bytes},
 * not grpc-java's 1 MiB (tuned upwards): C2 announces it in its SETTINGS to every node's connection.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class LinkFlowControlTest {

    @Inject
    C2Config config;

    @Test
    void c2AnnouncesItsSmallFixedStreamWindowToEveryConnection() throws Exception {
        assertThat(config.link().flowControlWindowBytes()).as("the documented default").isEqualTo(16_384);
        try (RawHttp2Link link = RawHttp2Link.connect(FakeEdgeNode.grpcPort())) {
            assertThat(link.initialWindowSize()).isEqualTo(config.link().flowControlWindowBytes());
        }
    }
}
