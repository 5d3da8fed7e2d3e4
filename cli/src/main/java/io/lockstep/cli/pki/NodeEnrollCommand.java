package io.lockstep.cli.pki;

import com.fasterxml.jackson.databind.JsonNode;
import io.lockstep.cli.fleet.C2Api;
import io.lockstep.pki.Enrolment;
import io.lockstep.pki.EnrolmentTokens;
import io.lockstep.pki.FleetCa;
import io.lockstep.pki.NodeCredentials;
import io.lockstep.pki.NodeKeys;
import io.lockstep.pki.Pem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep node enroll --node ID --token T (--c2 URL | --ca DIR) [--out DIR]}: makes the node's key here,
 * redeems the token for a certificate over it, and writes node.crt, node.key and ca.crt.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Get NODE's certificate from the fleet CA with a one-time token; the private key stays here.")
public final class NodeEnrollCommand implements Callable<Integer> {

    @Option(names = "--node", required = true, paramLabel = "ID", description = "this node's id")
    String nodeId;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "from lockstep node enroll-token")
    String token;

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeEnrollTokenCommand.CaSource source;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write node.crt, node.key, ca.crt "
            + "(default: ./lockstep-identity/ID)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KeyPair key = NodeKeys.generate();
        String chain;
        String ca;
        if (source.caDir != null) {
            FleetCa fleetCa = FleetCa.load(source.caDir, Clock.systemUTC());
            chain = new Enrolment(fleetCa, new EnrolmentTokens(source.caDir, Clock.systemUTC()))
                    .enrol(nodeId, token, key.getPublic());
            ca = Pem.certificate(fleetCa.certificate());
        } else {
            JsonNode answer = new C2Api(source.c2).enrol(nodeId, token, Pem.publicKey(key.getPublic()));
            chain = answer.path("certificateChain").asText();
            ca = answer.path("caCertificate").asText();
            if (Pem.certificates(chain).isEmpty() || !Pem.certificates(chain).get(0).getPublicKey()
                    .equals(key.getPublic())) {
                throw new IllegalStateException("C2 answered with a certificate that is not for this node's key");
            }
        }
        Path dir = out != null ? out : Path.of("lockstep-identity", nodeId);
        NodeCredentials files = NodeCredentials.write(dir, chain, key.getPrivate(), ca);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("node %s enrolled: %s, %s, %s%n", nodeId, files.certificate(), files.privateKey(), files.rootCa());
        o.println("C2 link:  -Dlockstep.node.c2.tls.cert=" + files.certificate()
                + " -Dlockstep.node.c2.tls.key=" + files.privateKey() + " -Dlockstep.node.c2.tls.trust=" + files.rootCa());
        o.println("mesh:     -Dlockstep.mesh.tls.certificate=" + files.certificate()
                + " -Dlockstep.mesh.tls.private-key=" + files.privateKey() + " -Dlockstep.mesh.tls.root-ca="
                + files.rootCa() + " (and tls/ endpoints)");
        return 0;
    }
}
