package io.lockstep.c2.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/auth/login}. */
@Schema(example = "{\"name\": \"alice\", \"password\": \"correct horse battery staple\"}")
public record LoginRequest(String name, String password) {
}
