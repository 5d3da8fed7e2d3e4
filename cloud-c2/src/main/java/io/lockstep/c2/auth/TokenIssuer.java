package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.security.Role;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Signs C2's own bearer tokens: subject and upn the user, {@code groups} the role and every lower one. */
@ApplicationScoped
public class TokenIssuer {

    private final TokenKeys keys;
    private final C2Config config;
    private final Clock clock;

    public TokenIssuer(TokenKeys keys, C2Config config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public IssuedToken issue(String user, Role role) {
        return issue(user, role, config.auth().tokenLifetime());
    }

    /** A token valid for {@code lifetime} from now (negative: already expired, for tests of refusal). */
    public IssuedToken issue(String user, Role role, Duration lifetime) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String token = Jwt.issuer(config.auth().issuer())
                .subject(user)
                .upn(user)
                .groups(role.andBelow())
                .issuedAt(lifetime.isNegative() ? expires.minusSeconds(1) : now)
                .expiresAt(expires)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(keys.privateKey());
        return new IssuedToken(token, expires, user, role);
    }

    public record IssuedToken(String token, Instant expiresAt, String user, Role role) {
    }
}
