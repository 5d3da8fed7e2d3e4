package io.lockstep.c2.api;

import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.EdgeToC2;

/** A round trip through a node's stream: when it returns, C2 has processed everything sent before. */
final class MissionLifecycleSync {

    private MissionLifecycleSync() {
    }

    static void sync(FakeEdgeNode node) throws InterruptedException {
        String marker = "d".repeat(63) + "0";
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(marker)).build());
        node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(marker));
    }
}
