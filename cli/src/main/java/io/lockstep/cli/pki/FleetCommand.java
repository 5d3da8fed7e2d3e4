package io.lockstep.cli.pki;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep fleet <init>}: the fleet's certificate authority. */
@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = {FleetInitCommand.class, FleetC2CertCommand.class},
        description = "The fleet CA that issues node certificates (docs/c2.md, docs/mesh-security.md).")
public final class FleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
