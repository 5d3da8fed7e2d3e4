package io.lockstep.c2.auth;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * C2 pointed at an external OpenID Connect provider, configured exactly as docs/c2-security.md says
 * ({@code lockstep.c2.auth.oidc.*}): the provider is a JDK HTTP server on loopback serving a JWKS with one
 * RSA key (kid {@link #KEY_ID}); its private key is published to the test as a system property.
 */
public class ExternalIdpProfile implements QuarkusTestProfile {

    public static final String ISSUER = "https://idp.test/realms/fleet";
    public static final String AUDIENCE = "lockstep-c2";
    public static final String KEY_ID = "fleet-idp-key-1";

    /** System property holding the provider's private key (PKCS#8, base64) while the profile runs. */
    public static final String PRIVATE_KEY_PROPERTY = "lockstep.test.idp.private-key";

    /** System property counting the provider's JWKS downloads. */
    public static final String FETCHES_PROPERTY = "lockstep.test.idp.jwks-fetches";

    /** The provider's private key, as the running profile published it. */
    public static java.security.PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY_PROPERTY));
            return java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int jwksFetches() {
        return Integer.parseInt(System.getProperty(FETCHES_PROPERTY, "0"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Provider.class));
    }

    public static class Provider implements QuarkusTestResourceLifecycleManager {

        private HttpServer server;
        private KeyPair keys;
        private final AtomicInteger fetches = new AtomicInteger();

        @Override
        public Map<String, String> start() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
                byte[] jwks = jwks((RSAPublicKey) keys.getPublic()).getBytes(StandardCharsets.UTF_8);
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/realms/fleet/protocol/openid-connect/certs", exchange -> {
                    System.setProperty(FETCHES_PROPERTY, Integer.toString(fetches.incrementAndGet()));
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                server.start();
                System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String certs = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/fleet/protocol/openid-connect/certs";
            return Map.of(
                    "lockstep.c2.auth.oidc.public-key-location", certs,
                    "lockstep.c2.auth.oidc.issuer", ISSUER,
                    "lockstep.c2.auth.oidc.audience", AUDIENCE,
                    "lockstep.c2.auth.oidc.roles-claim", "realm_access/roles");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
            System.clearProperty(PRIVATE_KEY_PROPERTY);
            System.clearProperty(FETCHES_PROPERTY);
        }

        private static String jwks(RSAPublicKey key) {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                    + url.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                    + url.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
        }

        private static byte[] unsigned(byte[] twosComplement) {
            return twosComplement.length > 1 && twosComplement[0] == 0
                    ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
        }
    }
}
