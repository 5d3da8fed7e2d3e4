package io.lockstep.cli;

import picocli.CommandLine;

/** Registers the subcommands that live in other packages of this module. */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root) {
        CommandLine bench = root.getSubcommands().get("bench");
        assert bench != null;
    }
}
