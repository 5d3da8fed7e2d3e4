package io.lockstep.cli.user;

import io.lockstep.c2.security.Role;
import io.lockstep.c2.security.users.UsersFile;
import io.lockstep.cli.audit.Secrets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockstep user add NAME --role R}: adds a user to C2's users file (or changes an existing user's
 * role and password). Only a salted PBKDF2 hash of the password is written. C2 reads the file at every
 * login, so a running C2 accepts the user at once.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a user to C2's users file, or change a user's role and password.")
public final class UserAddCommand implements Callable<Integer> {
    static final int MIN_PASSWORD_CHARS = 8;

    @Parameters(index = "0", paramLabel = "NAME", description = "user name (1 to 64 of A-Z a-z 0-9 _ . @ -)")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "viewer, operator, commander or admin (each includes the ones before it)")
    String role;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "the password (visible in the process list: prefer --password-file or the prompt)")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from the first line of FILE")
    Path passwordFile;

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "the users file (default: DIR/users.json of --data-dir)")
    Path usersFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "lockstep-c2-data",
            description = "C2's data directory (lockstep.c2.data-dir; default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() {
        Role parsed = Role.parse(role).orElseThrow(() ->
                new IllegalArgumentException("--role must be one of " + Role.names() + ", was '" + role + "'"));
        UsersFile.checkName(name);
        char[] secret = Secrets.password(password, passwordFile, "Password for " + name + ": ", true);
        if (secret.length < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_CHARS + " characters");
        }
        UsersFile file = new UsersFile(usersFile != null ? usersFile : dataDir.resolve("users.json"));
        boolean added = file.put(name, parsed, secret);
        java.util.Arrays.fill(secret, '\0');
        System.out.println((added ? "added " : "updated ") + name + " (" + parsed.wireName() + ") in " + file.path());
        return 0;
    }
}
