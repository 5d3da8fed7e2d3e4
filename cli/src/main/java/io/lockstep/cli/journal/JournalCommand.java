package io.lockstep.cli.journal;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lockstep journal <dump>}: look inside a node journal. */
@Command(name = "journal", mixinStandardHelpOptions = true, subcommands = {JournalDumpCommand.class},
        description = "Inspect a node journal (docs/journal.md describes the format).")
public final class JournalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
