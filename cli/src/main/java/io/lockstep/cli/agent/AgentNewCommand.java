package io.lockstep.cli.agent;

import io.lockstep.cli.fleet.LockstepHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep agent new NAME}: scaffolds {@code DIR/NAME/} with a C agent written against the SDK and a
 * {@code build.sh} holding the SDK's documented clang + wasm-ld command line. Refuses an existing directory.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Scaffold a C agent (NAME.c and build.sh) that builds with clang and runs with 'agent run'.")
public final class AgentNewCommand implements Callable<Integer> {
    static final int REFUSED = 2;
    /** Also the module file name and the agent's name in missions. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    @Parameters(index = "0", paramLabel = "NAME", description = "agent name: lower-case letters, digits, '-'")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "where to create NAME/ (default: the current directory)")
    Path dir;

    private final PrintStream out;
    private final PrintStream err;

    public AgentNewCommand() {
        this(System.out, System.err);
    }

    public AgentNewCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            err.println("agent new: name must match " + NAME.pattern() + ", got '" + name + "'");
            return REFUSED;
        }
        Path target = dir.resolve(name);
        if (Files.exists(target)) {
            err.println("agent new: " + target + " already exists");
            return REFUSED;
        }
        Path sdk = LockstepHome.detect().root().resolve("edge-agent/sdk").toAbsolutePath().normalize();
        Files.createDirectories(target);
        Files.writeString(target.resolve(name + ".c"), template("agent.c.template", sdk));
        Path build = target.resolve("build.sh");
        Files.writeString(build, template("build.sh.template", sdk));
        try {
            Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: run it as "sh build.sh".
        }
        out.println("created " + target.resolve(name + ".c") + " and " + build);
        out.println("next: " + build + " && ./lockstep agent run " + target.resolve(name + ".wasm")
                + " --grant sensor_read,act_velocity --param ticks=50");
        return 0;
    }

    private String template(String resource, Path sdk) {
        try (InputStream in = AgentNewCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@NAME@", name)
                    .replace("@SDK@", sdk.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
