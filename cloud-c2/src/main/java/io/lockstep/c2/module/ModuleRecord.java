package io.lockstep.c2.module;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(example = "{\"sha256\": \"e2e5b1eafa29e5e2f2d12752dec9e9ea3a3ddf4ee95cabedcee33fc629d8f85e\", \"size\": 14486, \"storedAt\": \"2026-12-02T12:11:47.852594487Z\", \"hostImports\": [\"log\", \"sensor_read\", \"act_velocity\", \"progress\", \"emit\", \"area_vertices\"], \"exports\": [\"memory\", \"lockstep_abi_version\", \"lockstep_alloc\", \"lockstep_init\", \"lockstep_on_message\", \"lockstep_tick\"], \"handlesMessages\": true, \"minMemoryPages\": 3}")
public record ModuleRecord(String sha256, long size, Instant storedAt, List<String> hostImports,
        List<String> exports, boolean handlesMessages, int minMemoryPages) {

    public ModuleRecord {
        hostImports = hostImports == null ? List.of() : List.copyOf(hostImports);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
