package io.lockstep.c2.auth;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of a successful login: the bearer token and when it expires. */
@Schema(example = "{\"token\": \"eyJhbGciOiJSUzI1NiJ9.…\", \"tokenType\": \"Bearer\", \"expiresAt\": \"2030-01-01T20:00:00Z\","
        + " \"user\": \"alice\", \"role\": \"commander\", \"roles\": [\"viewer\", \"operator\", \"commander\"]}")
public record LoginAnswer(String token, String tokenType, Instant expiresAt, String user, String role,
        java.util.Set<String> roles) {
}
