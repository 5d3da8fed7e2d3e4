package io.lockstep.cli.pki;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.C2Credentials;
import io.lockstep.cli.audit.Secrets;
import io.lockstep.pki.EnrolmentTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockstep node enroll-token --node ID (--ca DIR | --c2 URL)}: a one-time enrolment token. */
@Command(name = "enroll-token", mixinStandardHelpOptions = true,
        description = "Create a one-time token that enrols NODE once (only its hash is stored).")
public final class NodeEnrollTokenCommand implements Callable<Integer> {

    @Option(names = "--node", required = true, paramLabel = "ID", description = "the node the token enrols")
    String nodeId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CaSource source;

    @Option(names = "--ttl", defaultValue = "PT24H", paramLabel = "DURATION",
            description = "how long the token stays valid, ISO-8601 (default PT24H)")
    Duration ttl;

    @Option(names = "--user", paramLabel = "NAME", description = "with --c2: an admin's user name")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "with --c2: the password")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "with --c2: read the password from FILE")
    Path passwordFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the CA lives: here (offline) or in C2. */
    static final class CaSource {
        @Option(names = "--ca", paramLabel = "DIR", description = "the fleet CA directory (offline)")
        Path caDir;

        @Option(names = "--c2", paramLabel = "URL", description = "C2's REST base URL, e.g. http://127.0.0.1:8080")
        String c2;
    }

    @Override
    public Integer call() throws Exception {
        String token;
        String expires;
        if (source.caDir != null) {
            token = new EnrolmentTokens(source.caDir, Clock.systemUTC()).issue(nodeId, ttl);
            expires = Clock.systemUTC().instant().plus(ttl).toString();
        } else {
            if (user == null) {
                throw new IllegalArgumentException("--c2 needs --user (an admin) and --password-file or --password");
            }
            char[] secret = Secrets.password(password, passwordFile, "Password for " + user + ": ", false);
            JsonNode answer = new C2Api(source.c2, new C2Credentials(user, new String(secret)))
                    .issueEnrollmentToken(nodeId, ttl.toSeconds());
            token = answer.path("token").asText();
            expires = answer.path("expiresAt").asText();
        }
        spec.commandLine().getOut().println(token);
        spec.commandLine().getErr().printf("one-time token for node %s, valid until %s%n", nodeId, expires);
        return 0;
    }
}
