package io.lockstep.c2.module;

import java.util.List;

/**
 * What C2 learned about an agent module while validating it: enough to check a mission's capability
 * grants against the module before anything is dispatched.
 *
 * @param hostImports    host functions (module {@code lockstep}) the module imports, in import order
 * @param handlesMessages whether it exports {@code lockstep_on_message}
 * @param minMemoryPages the initial size of its memory in 64 KiB pages
 */
public record ModuleInfo(List<String> hostImports, boolean handlesMessages, int minMemoryPages) {
}
