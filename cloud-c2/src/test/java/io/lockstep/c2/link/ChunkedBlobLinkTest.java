package io.lockstep.c2.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.module.Sha256;
import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.FakeEdgeNode;
import io.lockstep.c2.support.Fixtures;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import io.lockstep.proto.v1.EdgeToC2;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Modules go to nodes in chunks from any offset (so a transfer resumes); whole-blob requests still work. */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@io.quarkus.test.security.TestSecurity(user = "alice", roles = {"viewer", "operator", "commander", "admin"})
class ChunkedBlobLinkTest {

    private static Blob ask(FakeEdgeNode node, String sha, long offset, int max) throws InterruptedException {
        node.send(EdgeToC2.newBuilder().setBlobRequest(BlobRequest.newBuilder().setKind(BlobKind.WASM_MODULE)
                .setSha256(sha).setOffset(offset).setMaxChunkBytes(max)).build());
        return node.await(m -> m.hasBlob() && m.getBlob().getSha256().equals(sha)
                && (m.getBlob().getOffset() == offset || !m.getBlob().getError().isEmpty())).getBlob();
    }

    @Test
    void aModuleLargerThanOneChunkIsSentInChunksResumedOnANewLinkAndStillWholeToOldNodes() throws Exception {
        byte[] module = WasmModuleBuilder.agent().tag(Fixtures.uniqueId("chunked") + "x".repeat(300)).build();
        String sha = Fixtures.uploadModule(module);
        int chunk = 100;
        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));
            for (long offset = 0; offset < 200; offset += chunk) {
                Blob piece = ask(node, sha, offset, chunk);
                assertThat(piece.getChunked()).isTrue();
                assertThat(piece.getTotalBytes()).isEqualTo(module.length);
                assertThat(piece.getData().size()).isEqualTo(chunk);
                assertThat(piece.getChunkSha256()).isEqualTo(Sha256.of(piece.getData().toByteArray()));
                assembled.writeBytes(piece.getData().toByteArray());
            }
            node.hangUp();
        }
        try (FakeEdgeNode node = FakeEdgeNode.connect()) {
            node.hello(Fixtures.uniqueId("node"));
            for (long offset = 200; offset < module.length; offset += chunk) {
                Blob piece = ask(node, sha, offset, chunk);
                assertThat(piece.getOffset()).isEqualTo(offset);
                assembled.writeBytes(piece.getData().toByteArray());
            }
            assertThat(Sha256.of(assembled.toByteArray())).isEqualTo(sha);

            assertThat(ask(node, sha, module.length + 1, chunk).getError()).contains("past the end");
            assertThat(ask(node, sha, -5, chunk).getError()).contains("offset");
            // C2 caps the chunk size, whatever the node asks for.
            assertThat(ask(node, sha, 0, -1).getData().size()).isEqualTo(module.length);
            // An older node asks without a chunk size and gets the whole module in one message.
            Blob whole = ask(node, sha, 0, 0);
            assertThat(whole.getChunked()).isFalse();
            assertThat(whole.getData().toByteArray()).isEqualTo(module);
        }
    }
}
