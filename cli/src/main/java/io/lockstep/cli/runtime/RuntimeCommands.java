package io.lockstep.cli.runtime;

import picocli.CommandLine;

/** Adds {@code replay} to the root command and {@code runtime} to {@code bench}. */
public final class RuntimeCommands {
    private RuntimeCommands() {
    }

    public static void register(CommandLine root) {
        root.addSubcommand("replay", new ReplayCommand());
        CommandLine bench = root.getSubcommands().get("bench");
        if (bench != null) {
            bench.addSubcommand("runtime", new BenchRuntimeCommand());
        }
    }
}
