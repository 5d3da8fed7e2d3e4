package io.lockstep.cli.pki;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.cli.fleet.C2LoginOptions;
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

    @CommandLine.Mixin
    C2LoginOptions login;

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
            JsonNode answer = new C2Api(source.c2, login.credentials("an admin")).issueEnrollmentToken(nodeId, ttl.toSeconds());
            token = answer.path("token").asText();
            expires = answer.path("expiresAt").asText();
        }
        spec.commandLine().getOut().println(token);
        spec.commandLine().getErr().printf("one-time token for node %s, valid until %s%n", nodeId, expires);
        return 0;
    }
}
