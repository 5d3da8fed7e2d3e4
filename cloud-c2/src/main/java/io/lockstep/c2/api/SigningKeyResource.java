package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.lockstep.c2.signing.MissionSigningKey;
import io.lockstep.proto.signing.MissionSigningKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;

/** The public half of C2's mission signing key, for nodes to pin (docs/mission-approval.md). */
@Path("/api/v1/signing-key")
public class SigningKeyResource {

    /** {@code publicKey}: base64 of the X.509 DER, what {@code lockstep.node.c2.mission-signing-key} takes. */
    @Schema(example = "{\"keyId\": \"baa2f3488efdeac1\", \"algorithm\": \"Ed25519\", \"publicKey\": \"MCowBQYDK2VwAyEAC0rUlFgfyGJ4VUq4hwYXbR2L+1QKlL+gZTNta+InQ+w=\", \"pem\": \"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAC0rUlFgfyGJ4VUq4hwYXbR2L+1QKlL+gZTNta+InQ+w=\\n-----END PUBLIC KEY-----\\n\"}")
    public record SigningKeyView(String keyId, String algorithm, String publicKey, String pem) {
    }

    private final MissionSigningKey key;

    public SigningKeyResource(MissionSigningKey key) {
        this.key = key;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    // Open like a JWKS endpoint: a public key is no secret, and nodes are set up before anyone logs in.
    @jakarta.annotation.security.PermitAll
    public SigningKeyView get() {
        return new SigningKeyView(key.keyId(), MissionSigningKeys.ALGORITHM,
                Base64.getEncoder().encodeToString(key.pair().getPublic().getEncoded()), key.publicPem());
    }
}
