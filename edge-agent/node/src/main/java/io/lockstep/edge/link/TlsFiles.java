package io.lockstep.edge.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * PEM files for mutual TLS on the C2 link: the node's own certificate chain and private key (issued
 * by the fleet CA), and the certificates it trusts for C2. {@code trust} holds the fleet CA, or C2's
 * own certificate to pin it; nothing else (in particular not the JVM's default CAs) is trusted.
 *
 * @param authorityOverride the name to verify C2's certificate against when it differs from the
 *                          host the node dials (e.g. dialling an IP address)
 */
public record TlsFiles(Path certChain, Path privateKey, Path trust, Optional<String> authorityOverride) {

    public TlsFiles {
        for (Path p : new Path[] {certChain, privateKey, trust}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("TLS file is missing or unreadable: " + p);
            }
        }
    }
}
