package io.lockstep.cli.pki;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep node <enroll-token|enroll>}: node identities from the fleet CA. */
@Command(name = "node", mixinStandardHelpOptions = true,
        subcommands = {NodeEnrollTokenCommand.class, NodeEnrollCommand.class},
        description = "Enrol nodes: one-time tokens and node certificates from the fleet CA.")
public final class NodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
