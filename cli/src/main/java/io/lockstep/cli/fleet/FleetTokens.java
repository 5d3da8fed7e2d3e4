package io.lockstep.cli.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for a C2 this command line starts (the demo, the browser tests): a throwaway RSA key whose
 * public half C2 is told to trust (smallrye-jwt's {@code mp.jwt.verify.*}), and RS256 JWTs carrying the roles
 * of the security convention (a role carries every lower one). The key lives only in this process.
 */
public final class FleetTokens {
    public static final String ISSUER = "lockstep-local-fleet";
    public static final List<String> ROLES = List.of("viewer", "operator", "commander", "admin");

    private final KeyPair keys;

    public FleetTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** System properties that make C2 accept these tokens. */
    public List<String> c2Properties() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return List.of("-Dmp.jwt.verify.publickey=" + pem, "-Dmp.jwt.verify.issuer=" + ISSUER);
    }

    /** A token for {@code user} with {@code role} and every role below it. */
    public String token(String user, String role) {
        int rank = ROLES.indexOf(role);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("groups", ROLES.subList(0, rank + 1));
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        try {
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = url.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = url.encodeToString(json.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + url.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
