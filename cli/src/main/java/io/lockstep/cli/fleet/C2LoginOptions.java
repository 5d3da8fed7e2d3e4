package io.lockstep.cli.fleet;

import io.lockstep.cli.audit.Secrets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a command that logs in to C2 as a user (picocli mixin): --user and the password. */
public final class C2LoginOptions {

    @Option(names = "--user", paramLabel = "NAME", description = "with --c2: the user to log in as")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "with --c2: the password")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "with --c2: read the password from FILE")
    Path passwordFile;

    /** The login, asking for the password on the terminal when neither option gives it. */
    public C2Credentials credentials(String role) {
        if (user == null) {
            throw new IllegalArgumentException("--c2 needs --user (" + role + ") and --password-file or --password");
        }
        return new C2Credentials(user, new String(Secrets.password(password, passwordFile, "Password for " + user + ": ",
                false)));
    }
}
