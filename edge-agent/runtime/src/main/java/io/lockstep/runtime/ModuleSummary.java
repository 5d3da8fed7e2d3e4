package io.lockstep.runtime;

import java.util.List;

/**
 * What validating an agent module learned about it (see {@link AgentModules}).
 *
 * @param hostImports     host functions (module {@code lockstep}) the module imports, in import order
 * @param exports         names of the module's exports, in module order
 * @param handlesMessages whether it exports {@code lockstep_on_message}
 * @param minMemoryPages  the initial size of its memory in 64 KiB pages
 */
public record ModuleSummary(List<String> hostImports, List<String> exports, boolean handlesMessages,
                            int minMemoryPages) {

    public ModuleSummary {
        hostImports = List.copyOf(hostImports);
        exports = List.copyOf(exports);
    }
}
