package io.lockstep.c2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.PackagedC2;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The packaged C2 whose link port another process holds stops, naming the port, instead of running on without it. */
class C2LinkPortTakenIT {

    @Test
    void aTakenLinkPortStopsTheStart() throws Exception {
        try (PackagedC2 c2 = PackagedC2.inTarget("port-taken");
             ServerSocket taken = new ServerSocket(c2.grpcPort(), 50, InetAddress.getLoopbackAddress())) {
            assertThat(c2.startExpectingExit()).isEqualTo(1);
            assertThat(c2.log()).contains("the link server (gRPC, for edge nodes) did not start on 127.0.0.1:"
                    + c2.grpcPort());
        }
    }
}
