package io.lockstep.cli;

import io.lockstep.cli.agent.AgentCommand;
import io.lockstep.cli.audit.AuditCommand;
import io.lockstep.cli.demo.DemoCommand;
import io.lockstep.cli.journal.JournalCommand;
import io.lockstep.cli.pki.FleetCommand;
import io.lockstep.cli.pki.NodeCommand;
import io.lockstep.cli.runtime.ReplayCommand;
import io.lockstep.cli.swarm.SimCommand;
import io.lockstep.cli.user.UserCommand;
import io.lockstep.cli.zenoh.ZenohCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point behind the {@code ./lockstep} launcher script. */
@Command(
        name = "lockstep",
        mixinStandardHelpOptions = true,
        versionProvider = LockstepVersion.class,
        description = "Lockstep: command and control for fleets of deterministic edge devices.",
        subcommands = {DemoCommand.class, ReplayCommand.class, SimCommand.class, JournalCommand.class,
            AgentCommand.class, BenchCommand.class, ZenohCommand.class, UserCommand.class, AuditCommand.class, io.lockstep.cli.fleet.SigningKeyCommand.class,
            FleetCommand.class, NodeCommand.class,
            CommandLine.HelpCommand.class})
public final class Lockstep implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree; tests use it to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Lockstep()).setExecutionExceptionHandler(Lockstep::reportFailure);
    }

    /** A failed command prints one clear line, with its causes (the stack trace only with LOCKSTEP_DEBUG=1); exits 1. */
    private static int reportFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        // qualified: "lockstep bench runtime", not "lockstep runtime"
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + FailureMessage.of(e));
        if ("1".equals(System.getenv("LOCKSTEP_DEBUG"))) {
            e.printStackTrace(command.getErr());
        } else {
            command.getErr().println("(set LOCKSTEP_DEBUG=1 for the stack trace)");
        }
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
