package io.lockstep.c2.auth;

import io.lockstep.c2.config.C2Config;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * What smallrye-jwt checks on every bearer token. By default C2's own tokens: RS256 only (so {@code none},
 * HS256 and every other algorithm are refused), signed by {@link TokenKeys}, issued by
 * {@code lockstep.c2.auth.issuer}, not expired (no grace period). With
 * {@code lockstep.c2.auth.oidc.public-key-location} set, an external OpenID Connect provider's tokens
 * instead: its JWKS, its issuer, optionally its audience, roles from {@code roles-claim}.
 */
@ApplicationScoped
public class TokenVerification {

    @Inject
    C2Config config;

    @Inject
    TokenKeys keys;

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo() {
        C2Config.Auth.Oidc oidc = config.auth().oidc();
        JWTAuthContextInfo info;
        if (oidc.publicKeyLocation().isPresent()) {
            String issuer = oidc.issuer().orElseThrow(() -> new IllegalStateException(
                    "lockstep.c2.auth.oidc.issuer is required with lockstep.c2.auth.oidc.public-key-location"));
            info = new JWTAuthContextInfo(oidc.publicKeyLocation().get(), issuer);
            info.setGroupsPath(oidc.rolesClaim());
            oidc.audience().ifPresent(aud -> info.setExpectedAudience(Set.of(aud)));
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.PS256));
        } else {
            info = new JWTAuthContextInfo(keys.publicKey(), config.auth().issuer());
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
            // C2 checks its own clock's tokens: no skew to allow (smallrye-jwt's default is 60 s).
            info.setExpGracePeriodSecs(0);
            info.setClockSkew(0);
        }
        return info;
    }

    /** True when an external provider issues the tokens (C2's own login is then off). */
    public boolean external() {
        return config.auth().oidc().publicKeyLocation().isPresent();
    }
}
