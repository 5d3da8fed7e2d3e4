package io.lockstep.c2.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * External identity provider mode (docs/c2-security.md "Production: an OpenID Connect provider"): C2
 * verifies the provider's tokens against its JWKS fetched over HTTP from loopback, checks issuer and
 * audience, reads the roles from {@code realm_access/roles} and applies the role hierarchy; its own
 * login is off. Tokens of another issuer, audience or key, expired ones, and C2-style tokens are refused.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
@TestProfile(ExternalIdpProfile.class)
class ExternalIdentityProviderTest {

    private static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.issuer(ExternalIdpProfile.ISSUER).audience(ExternalIdpProfile.AUDIENCE)
                .subject("f81d4fae-7dec-11d0-a765-00a0c91e6bf6").claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofMinutes(5)));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(ExternalIdpProfile.KEY_ID).sign(ExternalIdpProfile.privateKey());
    }

    @Test
    void aProviderTokenWithARoleIsAcceptedWithThatRoleAndTheRolesBelowIt() {
        String commander = sign(claims("carol", "commander", "offline_access"));
        // viewer endpoint: commander includes viewer
        given().auth().oauth2(commander).when().get("/api/v1/missions").then().statusCode(200);
        // commander endpoint: passes authorization and reaches validation (400, not 401/403)
        given().auth().oauth2(commander).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/missions").then().statusCode(400)
                .contentType("application/problem+json");
        // admin endpoint: above commander
        given().auth().oauth2(commander).when().get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(ExternalIdpProfile.jwksFetches()).as("C2 fetched the provider's JWKS over HTTP").isPositive();

        String viewer = sign(claims("vera", "viewer"));
        given().auth().oauth2(viewer).when().get("/api/v1/nodes").then().statusCode(200);
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/api/v1/emergency-stop").then().statusCode(403);

        // The acting user in the audit trail is the provider's preferred_username.
        String admin = sign(claims("ada", "admin"));
        given().auth().oauth2(admin).when().get("/api/v1/audit").then().statusCode(200)
                .body("records.user", hasItem("carol"));
    }

    @Test
    void tokensOfAnotherIssuerAudienceOrKeyAndExpiredOnesAreRefused() throws Exception {
        String wrongIssuer = sign(claims("mallory", "admin").issuer("https://evil.test/realms/fleet"));
        String wrongAudience = sign(claims("mallory", "admin").audience("another-service"));
        String expired = sign(claims("mallory", "admin").issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        String otherKeySameKid = claims("mallory", "admin").jws().keyId(ExternalIdpProfile.KEY_ID).sign(other.getPrivate());
        String otherKeyOtherKid = claims("mallory", "admin").jws().keyId("unknown-kid").sign(other.getPrivate());
        String noRoles = sign(Jwt.issuer(ExternalIdpProfile.ISSUER).audience(ExternalIdpProfile.AUDIENCE)
                .claim("preferred_username", "nobody").expiresAt(Instant.now().plus(Duration.ofMinutes(5))));
        for (String token : List.of(wrongIssuer, wrongAudience, expired, otherKeySameKid, otherKeyOtherKid)) {
            given().auth().oauth2(token).when().get("/api/v1/missions").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        // A valid token without any of C2's roles authenticates but may do nothing.
        given().auth().oauth2(noRoles).when().get("/api/v1/missions").then().statusCode(403);
    }

    @Test
    void c2sOwnLoginIsOffAndTokensInC2sOwnFormatAreRefused() {
        given().contentType(ContentType.JSON).body("{\"name\": \"admin\", \"password\": \"whatever-password\"}")
                .when().post("/api/v1/auth/login").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lockstep:problem:login-disabled"));
        // C2's own issuer and group claim, signed by the provider's key: the issuer is wrong for this C2.
        String c2Style = Jwt.issuer("lockstep-c2").upn("mallory").groups(java.util.Set.of("admin"))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5))).jws().keyId(ExternalIdpProfile.KEY_ID)
                .sign(ExternalIdpProfile.privateKey());
        given().auth().oauth2(c2Style).when().get("/api/v1/missions").then().statusCode(401);
    }
}
