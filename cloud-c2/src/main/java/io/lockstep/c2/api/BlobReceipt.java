package io.lockstep.c2.api;

/** The answer to an upload: the content's identity and size. */
public record BlobReceipt(String sha256, long size) {
}
