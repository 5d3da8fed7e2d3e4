package io.lockstep.c2.module;

import java.time.Instant;

/** A stored ONNX model, identified by the SHA-256 of its bytes. */
public record ModelRecord(String sha256, long size, Instant storedAt) {
}
