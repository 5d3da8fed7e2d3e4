package io.lockstep.c2.module;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;

/** A stored ONNX model, identified by the SHA-256 of its bytes. */
@Schema(example = "{\"sha256\": \"7aad887a001693a92c0b9f65a4efbba605d53b7946dc590cecb406380af20d94\", \"size\": 1843200, \"storedAt\": \"2026-12-02T12:12:49.214202510Z\"}")
public record ModelRecord(String sha256, long size, Instant storedAt) {
}
