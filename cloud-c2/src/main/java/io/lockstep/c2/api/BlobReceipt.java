package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an upload: the content's identity and size. */
@Schema(example = "{\"sha256\": \"e2e5b1eafa29e5e2f2d12752dec9e9ea3a3ddf4ee95cabedcee33fc629d8f85e\", \"size\": 14486}")
public record BlobReceipt(String sha256, long size) {
}
