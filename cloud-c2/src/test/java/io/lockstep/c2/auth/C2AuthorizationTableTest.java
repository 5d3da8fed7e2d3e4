package io.lockstep.c2.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.security.Role;
import io.lockstep.c2.support.C2TestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of C2 (found by reflection over the resource classes) against every role: 401
 * without a token or with an expired, tampered, unsigned, HS256 or foreign token, 403 for each role below
 * its minimum, neither for its minimum role. An endpoint without @RolesAllowed fails here.
 */
@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class C2AuthorizationTableTest {

    /** The only endpoints open to anyone; health, metrics and OpenAPI are not REST resources. */
    private static final Set<String> OPEN = Set.of("POST /api/v1/auth/login", "GET /api/v1/signing-key",
            "POST /api/v1/enrollments");
    /** Rolled-up minimum roles as SESSION2's convention and docs/c2.md state them, to catch a typo'd annotation. */
    private static final Map<String, Role> EXPECTED = Map.ofEntries(
            Map.entry("GET /api/v1/missions", Role.VIEWER),
            Map.entry("POST /api/v1/missions", Role.COMMANDER),
            Map.entry("GET /api/v1/missions/{id}", Role.VIEWER),
            Map.entry("POST /api/v1/missions/{id}/dispatch", Role.COMMANDER),
            Map.entry("POST /api/v1/missions/{id}/abort", Role.OPERATOR),
            Map.entry("GET /api/v1/missions/{id}/nodes/{node}/logs", Role.VIEWER),
            Map.entry("GET /api/v1/nodes", Role.VIEWER),
            Map.entry("GET /api/v1/nodes/{id}", Role.VIEWER),
            Map.entry("POST /api/v1/nodes/{id}/estop", Role.OPERATOR),
            Map.entry("DELETE /api/v1/nodes/{id}/estop", Role.COMMANDER),
            Map.entry("POST /api/v1/modules", Role.ADMIN),
            Map.entry("GET /api/v1/modules/{sha256}", Role.VIEWER),
            Map.entry("POST /api/v1/models", Role.ADMIN),
            Map.entry("GET /api/v1/models/{sha256}", Role.VIEWER),
            Map.entry("GET /api/v1/users", Role.ADMIN),
            Map.entry("PUT /api/v1/users/{name}", Role.ADMIN),
            Map.entry("DELETE /api/v1/users/{name}", Role.ADMIN),
            Map.entry("GET /api/v1/audit", Role.ADMIN),
            Map.entry("POST /api/v1/audit/verify", Role.ADMIN),
            Map.entry("GET /api/v1/hazards", Role.VIEWER),
            Map.entry("GET /api/v1/missions/{id}/nodes/{node}/journal/timeline", Role.VIEWER),
            Map.entry("GET /api/v1/alerts", Role.VIEWER),
            Map.entry("POST /api/v1/alerts/{id}/ack", Role.OPERATOR));

    @Inject
    TokenIssuer issuer;

    @Inject
    TokenKeys keys;

    @Inject
    io.lockstep.c2.config.C2Config config;

    @Test
    void everyEndpointRequiresItsRoleAndRefusesSmallerOnes() {
        List<RestEndpoints.Endpoint> endpoints = RestEndpoints.all();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(EXPECTED.size() + OPEN.size());
        List<String> failures = new ArrayList<>();
        for (RestEndpoints.Endpoint endpoint : endpoints) {
            String key = endpoint.method() + " " + endpoint.template();
            if (endpoint.minimum().isEmpty()) {
                if (!OPEN.contains(key)) {
                    failures.add(endpoint + " is @PermitAll but not one of the open endpoints " + OPEN);
                }
                continue;
            }
            Role minimum = endpoint.minimum().get();
            if (EXPECTED.containsKey(key) && EXPECTED.get(key) != minimum) {
                failures.add(endpoint + " requires " + minimum + ", documented as " + EXPECTED.get(key));
            }
            expect(failures, endpoint, "no token", call(endpoint, null), 401);
            for (Role role : Role.values()) {
                Response response = call(endpoint, issuer.issue("user-" + role.wireName(), role).token());
                if (role.compareTo(minimum) < 0) {
                    expect(failures, endpoint, role.wireName(), response, 403);
                } else if (response.statusCode() == 401 || response.statusCode() == 403) {
                    failures.add(endpoint + " refused " + role.wireName() + " with " + response.statusCode()
                            + ": " + response.asString());
                }
            }
            String admin = issuer.issue("user-admin", Role.ADMIN).token();
            expect(failures, endpoint, "expired admin token",
                    call(endpoint, issuer.issue("user-admin", Role.ADMIN, Duration.ofSeconds(-5)).token()), 401);
            expect(failures, endpoint, "tampered token", call(endpoint,
                    TestTokens.tampered(issuer.issue("user-viewer", Role.VIEWER).token())), 401);
            expect(failures, endpoint, "alg none", call(endpoint, TestTokens.algNone(admin)), 401);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void forgedTokensAreRefusedWithAProblem() {
        RestEndpoints.Endpoint nodes = RestEndpoints.all().stream()
                .filter(e -> e.method().equals("GET") && e.template().equals("/api/v1/nodes")).findFirst().orElseThrow();
        String issuerName = config.auth().issuer();
        List<String> failures = new ArrayList<>();
        expect(failures, nodes, "HS256 with the public key", call(nodes,
                TestTokens.hs256WithPublicKey(keys.publicKey().getEncoded(), issuerName)), 401);
        expect(failures, nodes, "another key", call(nodes, TestTokens.otherKey(issuerName)), 401);
        expect(failures, nodes, "another issuer", call(nodes, TestTokens.wrongIssuer(keys)), 401);
        expect(failures, nodes, "not a JWT", call(nodes, "not-a-token"), 401);
        expect(failures, nodes, "empty token", call(nodes, ""), 401);
        assertThat(failures).isEmpty();
        // Refusals lose nothing: the same request with a valid token still works.
        given().header("Authorization", "Bearer " + issuer.issue("user-viewer", Role.VIEWER).token())
                .when().get("/api/v1/nodes").then().statusCode(200);
    }

    @Test
    void openEndpointsNeedNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        // A bad token on an open endpoint does not get in the way either.
        given().header("Authorization", "Bearer not-a-token").when().get("/q/health/ready").then().statusCode(200);
    }

    private static void expect(List<String> failures, RestEndpoints.Endpoint endpoint, String as, Response response,
            int status) {
        if (response.statusCode() != status) {
            failures.add(endpoint + " with " + as + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.asString());
            return;
        }
        String type = response.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            failures.add(endpoint + " with " + as + ": " + status + " is not problem+json but " + type);
        } else if (status == 401 && response.header("WWW-Authenticate") == null) {
            failures.add(endpoint + " with " + as + ": 401 without WWW-Authenticate");
        }
    }

    private static Response call(RestEndpoints.Endpoint endpoint, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (!endpoint.method().equals("GET") && !endpoint.method().equals("DELETE")) {
            request = request.contentType(endpoint.consumes()).body("{}".getBytes());
        }
        return request.when().request(endpoint.method(), endpoint.samplePath());
    }
}
