package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lockstep signing-key}: fetches C2's mission signing public key (GET /api/v1/signing-key) for nodes to
 * pin, as a PEM file ({@code --out}) or printed with the node setting that pins it.
 */
@Command(name = "signing-key", mixinStandardHelpOptions = true,
        description = "Fetch C2's mission signing public key for nodes to pin (docs/mission-approval.md).")
public final class SigningKeyCommand implements Callable<Integer> {

    @Option(names = "--c2", defaultValue = "http://127.0.0.1:8080", description = "C2's REST base URL (default ${DEFAULT-VALUE})")
    String c2Url;

    @Option(names = "--out", description = "write the PEM public key to this file (for lockstep.node.c2.mission-signing-key-file)")
    Path out;

    @Override
    public Integer call() throws IOException {
        JsonNode key = new C2Api(c2Url).signingKey();
        String pem = key.path("pem").asText();
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, pem, StandardCharsets.US_ASCII);
            System.out.println("key " + key.path("keyId").asText() + " written to " + out);
            System.out.println("pin it on every node: lockstep.node.c2.mission-signing-key-file=" + out.toAbsolutePath());
        } else {
            System.out.print(pem);
            System.out.println("# key id " + key.path("keyId").asText() + "; pin it on every node:");
            System.out.println("# lockstep.node.c2.mission-signing-key=" + key.path("publicKey").asText());
        }
        return 0;
    }
}
