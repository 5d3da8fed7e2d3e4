package io.lockstep.c2.module;

import java.time.Instant;
import java.util.List;

/** A stored agent module, identified by the SHA-256 of its bytes. */
public record ModuleRecord(String sha256, long size, Instant storedAt, List<String> hostImports,
        boolean handlesMessages, int minMemoryPages) {
}
