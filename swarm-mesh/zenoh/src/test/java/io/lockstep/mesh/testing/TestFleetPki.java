package io.lockstep.mesh.testing;

import io.lockstep.mesh.transport.TlsSettings;
import io.lockstep.pki.FleetCa;
import io.lockstep.pki.NodeCredentials;
import io.lockstep.pki.NodeKeys;
import io.lockstep.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;

/** A fleet CA in a temporary directory and node credentials it issues, as TLS settings for a session. */
public final class TestFleetPki {
    private final FleetCa ca;

    public TestFleetPki(Path dir) throws IOException {
        this.ca = FleetCa.create(dir.resolve("ca"), "test fleet CA", Clock.systemUTC());
    }

    public TlsSettings node(String nodeId) throws IOException {
        NodeCredentials files = nodeFiles(nodeId);
        return TlsSettings.fromPem(files.certificate(), files.privateKey(), files.rootCa());
    }

    /** A node's PEM files (certificate chain, PKCS#8 key, the CA), for programs other than this JVM. */
    public NodeCredentials nodeFiles(String nodeId) throws IOException {
        KeyPair key = NodeKeys.generate();
        return NodeCredentials.write(ca.dir().resolveSibling("nodes").resolve(nodeId),
                ca.chainPem(ca.issueNode(nodeId, key.getPublic())), key.getPrivate(), Pem.certificate(ca.certificate()));
    }
}
