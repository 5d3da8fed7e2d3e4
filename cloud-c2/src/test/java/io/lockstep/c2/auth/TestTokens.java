package io.lockstep.c2.auth;

import io.lockstep.c2.security.Role;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Tokens C2 must refuse, each made from a valid one or beside it. */
final class TestTokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private TestTokens() {
    }

    /** The valid token with its payload rewritten to claim admin; the signature left as it was. */
    static String tampered(String valid) {
        String[] parts = valid.split("\\.");
        String payload = new String(URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
        String raised = payload.replaceAll("\"groups\":\\[[^]]*]", "\"groups\":[\"viewer\",\"operator\",\"commander\",\"admin\"]");
        if (raised.equals(payload)) {
            throw new AssertionError("no groups claim in " + payload);
        }
        return parts[0] + "." + URL.encodeToString(raised.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The valid token's claims under {@code alg: none}, without a signature. */
    static String algNone(String valid) {
        String[] parts = valid.split("\\.");
        return URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    }

    /** An admin token signed HS256 with C2's public key as the shared secret (the classic key-confusion attack). */
    static String hs256WithPublicKey(byte[] publicKey, String issuer) {
        return Jwt.issuer(issuer).upn("mallory").groups(Role.ADMIN.andBelow())
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(URL.encodeToString(publicKey));
    }

    /** A well-formed admin token from C2's issuer name, signed by another RSA key. */
    static String otherKey(String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(issuer).upn("mallory").groups(Role.ADMIN.andBelow())
                    .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by C2's key but naming another issuer. */
    static String wrongIssuer(TokenKeys keys) {
        return Jwt.issuer("someone-else").upn("mallory").groups(Role.ADMIN.andBelow())
                .expiresAt(Instant.now().plus(Duration.ofHours(1))).sign(keys.privateKey());
    }
}
