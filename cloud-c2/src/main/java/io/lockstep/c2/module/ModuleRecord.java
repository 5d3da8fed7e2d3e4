package io.lockstep.c2.module;

import java.time.Instant;
import java.util.List;

/**
 * A stored agent module, identified by the SHA-256 of its bytes, with what validation learned about it.
 *
 * @param hostImports     host functions it imports, in import order
 * @param exports         its export names, in module order (absent in records stored before they were kept)
 * @param handlesMessages whether it exports {@code lockstep_on_message}
 * @param minMemoryPages  the initial size of its memory in 64 KiB pages
 */
public record ModuleRecord(String sha256, long size, Instant storedAt, List<String> hostImports,
        List<String> exports, boolean handlesMessages, int minMemoryPages) {

    public ModuleRecord {
        hostImports = hostImports == null ? List.of() : List.copyOf(hostImports);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
