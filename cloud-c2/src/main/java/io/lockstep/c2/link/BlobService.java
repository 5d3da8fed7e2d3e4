package io.lockstep.c2.link;

import com.google.protobuf.ByteString;
import io.lockstep.c2.module.BlobRange;
import io.lockstep.c2.module.ModelStore;
import io.lockstep.c2.module.ModuleStore;
import io.lockstep.c2.module.Sha256;
import io.lockstep.proto.v1.Blob;
import io.lockstep.proto.v1.BlobKind;
import io.lockstep.proto.v1.BlobRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Answers a node's BlobRequest with the module or model bytes, or with an error saying why not. */
@ApplicationScoped
public class BlobService {

    /** Largest chunk C2 sends, whatever a node asks for: well below any node's inbound message limit. */
    static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

    private final ModuleStore modules;
    private final ModelStore models;

    public BlobService(ModuleStore modules, ModelStore models) {
        this.modules = modules;
        this.models = models;
    }

    public Blob answer(BlobRequest request) {
        Blob.Builder blob = Blob.newBuilder().setKind(request.getKind()).setSha256(request.getSha256());
        if (!Sha256.isDigest(request.getSha256())) {
            return blob.setError("sha256 must be 64 lower-case hex characters").build();
        }
        if (request.getKind() != BlobKind.WASM_MODULE && request.getKind() != BlobKind.ONNX_MODEL) {
            return blob.setError("unsupported blob kind " + request.getKindValue()
                    + "; use WASM_MODULE or ONNX_MODEL").build();
        }
        if (request.getMaxChunkBytes() != 0) {
            return chunk(request, blob);
        }
        Optional<byte[]> bytes;
        if (request.getKind() == BlobKind.WASM_MODULE) {
            bytes = modules.bytes(request.getSha256());
        } else {
            bytes = models.bytes(request.getSha256());
        }
        return bytes.map(data -> blob.setData(ByteString.copyFrom(data)).build())
                .orElseGet(() -> blob.setError("C2 has no " + request.getKind() + " with sha256 " + request.getSha256()).build());
    }

    /**
     * One piece of the blob from the requested offset, at most {@code max_chunk_bytes} (capped at
     * {@link #MAX_CHUNK_BYTES}), with the piece's own SHA-256; the node verifies the whole at the end.
     */
    private Blob chunk(BlobRequest request, Blob.Builder blob) {
        long offset = request.getOffset();
        if (offset < 0) {
            return blob.setError("offset must be below 2^63").build();
        }
        int max = Integer.compareUnsigned(request.getMaxChunkBytes(), MAX_CHUNK_BYTES) > 0 ? MAX_CHUNK_BYTES
                : request.getMaxChunkBytes();
        Optional<BlobRange> range = request.getKind() == BlobKind.WASM_MODULE
                ? modules.range(request.getSha256(), offset, max)
                : models.range(request.getSha256(), offset, max);
        if (range.isEmpty()) {
            return blob.setError("C2 has no " + request.getKind() + " with sha256 " + request.getSha256()).build();
        }
        if (offset > range.get().totalBytes()) {
            return blob.setError("offset " + offset + " is past the end of the " + range.get().totalBytes()
                    + "-byte blob").build();
        }
        byte[] data = range.get().data();
        return blob.setChunked(true).setOffset(offset).setTotalBytes(range.get().totalBytes())
                .setData(ByteString.copyFrom(data)).setChunkSha256(Sha256.of(data)).build();
    }
}
