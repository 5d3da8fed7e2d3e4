package io.lockstep.c2.module;

/** The outcome of an idempotent store: the record and whether this call created it. */
public record Stored<T>(T record, boolean created) {
}
