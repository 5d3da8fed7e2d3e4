package io.lockstep.cli.bench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.cli.Lockstep;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's place under {@code lockstep bench} and its options; the benchmark itself is not run here. */
class BenchNodeCommandTest {

    @Test
    void isRegisteredUnderBenchWithItsOptions() {
        CommandLine cli = Lockstep.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("bench", "node", "--help"));
        String help = out.toString();
        assertTrue(help.contains("--quick"), help);
        assertTrue(help.contains("--out=DIR"), help);
        assertTrue(help.contains("256 MiB"), help);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CommandLine cli = Lockstep.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("bench", "node", "--nodes", "3"));
        assertTrue(err.toString().contains("--nodes"), err.toString());
    }
}
