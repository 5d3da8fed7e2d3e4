package io.lockstep.cli.user;

import picocli.CommandLine.Command;

/** {@code lockstep user ...}: C2's users file. */
@Command(name = "user", description = "Manage the users C2 accepts at login (its users file).",
        subcommands = {UserAddCommand.class})
public final class UserCommand {
}
