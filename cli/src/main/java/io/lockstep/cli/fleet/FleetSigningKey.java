package io.lockstep.cli.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A mission signing key made for one local fleet (docs/mission-approval.md): C2 signs every assignment with
 * it ({@code lockstep.c2.signing.key-file}) and every node pins its public half
 * ({@code lockstep.node.c2.mission-signing-key-file}), so the fleet runs as a deployment does. The file
 * format is C2's: a PEM PRIVATE KEY (PKCS#8 Ed25519) block followed by a PEM PUBLIC KEY block.
 */
public final class FleetSigningKey {

    private final Path keyFile;
    private final Path publicKeyFile;

    private FleetSigningKey(Path keyFile, Path publicKeyFile) {
        this.keyFile = keyFile;
        this.publicKeyFile = publicKeyFile;
    }

    public static FleetSigningKey create(Path dir) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            Path key = dir.resolve("mission-signing-key.pem");
            Path pub = dir.resolve("mission-signing-key.pub.pem");
            String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicPem, StandardCharsets.US_ASCII);
            Files.writeString(pub, publicPem, StandardCharsets.US_ASCII);
            return new FleetSigningKey(key, pub);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet's mission signing key in " + dir, e);
        }
    }

    public List<String> c2Properties() {
        return List.of("-Dlockstep.c2.signing.key-file=" + keyFile.toAbsolutePath());
    }

    public List<String> nodeProperties() {
        return List.of("-Dlockstep.node.c2.mission-signing-key-file=" + publicKeyFile.toAbsolutePath());
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
