package io.lockstep.c2.link;

import com.google.protobuf.ByteString;
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
        Optional<byte[]> bytes;
        if (request.getKind() == BlobKind.WASM_MODULE) {
            bytes = modules.bytes(request.getSha256());
        } else if (request.getKind() == BlobKind.ONNX_MODEL) {
            bytes = models.bytes(request.getSha256());
        } else {
            return blob.setError("unsupported blob kind " + request.getKindValue()
                    + "; use WASM_MODULE or ONNX_MODEL").build();
        }
        return bytes.map(data -> blob.setData(ByteString.copyFrom(data)).build())
                .orElseGet(() -> blob.setError("C2 has no " + request.getKind() + " with sha256 " + request.getSha256()).build());
    }
}
