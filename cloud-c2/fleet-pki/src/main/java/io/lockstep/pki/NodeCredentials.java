package io.lockstep.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * What an enrolled node keeps in its directory: {@code node.crt} (its chain, leaf first), {@code node.key} (PKCS#8,
 * owner-only) and {@code ca.crt} (the fleet CA). The C2 link ({@code lockstep.node.c2.tls.*}) and the mesh
 * ({@code lockstep.mesh.tls.*}) take these three files.
 */
public record NodeCredentials(Path certificate, Path privateKey, Path rootCa) {
    public static final String CERTIFICATE = "node.crt";
    public static final String KEY = "node.key";
    public static final String ROOT_CA = "ca.crt";

    public static NodeCredentials write(Path dir, String chainPem, PrivateKey key, String caPem) throws IOException {
        Files.createDirectories(dir);
        NodeCredentials files = new NodeCredentials(dir.resolve(CERTIFICATE), dir.resolve(KEY), dir.resolve(ROOT_CA));
        FleetCa.writePrivate(files.privateKey(), Pem.privateKey(key));
        Files.writeString(files.certificate(), chainPem, StandardCharsets.US_ASCII);
        Files.writeString(files.rootCa(), caPem, StandardCharsets.US_ASCII);
        return files;
    }
}
