package io.lockstep.cli.agent;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep agent <run|new>}: the local loop of an agent author, no fleet needed. */
@Command(name = "agent", mixinStandardHelpOptions = true, subcommands = {AgentRunCommand.class, AgentNewCommand.class},
        description = "Write and try agents locally: scaffold one, run it against the simulated vehicle.")
public final class AgentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
