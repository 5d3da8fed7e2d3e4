package io.lockstep.c2.module;

/** A piece of a stored blob: {@code data} starts at the requested offset of a blob of {@code totalBytes}. */
public record BlobRange(long totalBytes, byte[] data) {
}
