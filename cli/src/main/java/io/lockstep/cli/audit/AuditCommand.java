package io.lockstep.cli.audit;

import picocli.CommandLine.Command;

/** {@code lockstep audit ...}: C2's audit trail. */
@Command(name = "audit", description = "C2's hash-chained audit trail.", subcommands = {AuditVerifyCommand.class})
public final class AuditCommand {
}
