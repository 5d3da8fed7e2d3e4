package io.lockstep.cli.zenoh;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep zenoh <program>}: Zenoh's example programs, on the pure-Java Zenoh implementation. */
@Command(name = "zenoh", mixinStandardHelpOptions = true,
        description = "Zenoh example programs (same flags and output as Zenoh's own examples).",
        subcommands = {PutCommand.class, PubCommand.class, SubCommand.class, GetCommand.class, QueryableCommand.class,
                LivelinessCommand.class, SubLivelinessCommand.class, ScoutCommand.class, PingCommand.class,
                PongCommand.class, PubThrCommand.class, SubThrCommand.class})
public final class ZenohCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
