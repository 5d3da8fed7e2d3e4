package io.lockstep.edge.link;

import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.C2ToEdge;
import io.lockstep.proto.v1.Heartbeat;
import io.lockstep.proto.v1.Hello;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;

/** A node's link to a test C2, as the link tests build it: node-1, outbox and spool under a test folder. */
final class TestLinks {

    /** A listener that ignores everything. */
    static final LinkListener QUIET = new LinkListener() {
        @Override
        public void onCommand(C2ToEdge command) {
        }

        @Override
        public void onBlob(Blob blob) {
        }

        @Override
        public void onLinkState(LinkState state) {
        }
    };

    private TestLinks() {
    }

    /** A link (not started) for node-1 with its outbox (1,000 entries) and spool under {@code dir}. */
    static C2Link link(LinkSettings settings, Path dir, int spoolMaxEntries, Supplier<Heartbeat> heartbeat,
            LinkListener listener) {
        return new C2Link(settings, new ChannelFactory(settings), new Outbox(dir.resolve("outbox.log"), 1000),
                new TelemetrySpool(dir.resolve("telemetry.spool"), spoolMaxEntries),
                () -> Hello.newBuilder().setNodeId("node-1").setAbiVersion(1).build(), heartbeat, listener,
                new Backoff(20, 200, new Random(7)));
    }

    /** Closes the link and then its outbox and spool; nothing when it is null. */
    static void close(C2Link link) {
        if (link != null) {
            link.close();
            link.outbox().close();
            link.spool().close();
        }
    }
}
