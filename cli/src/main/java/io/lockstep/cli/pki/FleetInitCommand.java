package io.lockstep.cli.pki;

import io.lockstep.pki.FleetCa;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockstep fleet init --ca DIR}: creates the fleet CA (never overwrites one). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the fleet CA: DIR/ca.crt (trust anchor for C2 and nodes) and DIR/ca.key (keep it safe).")
public final class FleetInitCommand implements Callable<Integer> {

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "directory of the new fleet CA")
    Path dir;

    @Option(names = "--name", defaultValue = "Lockstep fleet CA", description = "the CA's common name")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FleetCa ca = FleetCa.create(dir, name, Clock.systemUTC());
        spec.commandLine().getOut().printf("fleet CA created in %s (certificate %s, key %s; valid until %s)%n",
                dir, ca.dir().resolve(FleetCa.CERTIFICATE), ca.dir().resolve(FleetCa.KEY),
                ca.certificate().getNotAfter().toInstant());
        return 0;
    }
}
