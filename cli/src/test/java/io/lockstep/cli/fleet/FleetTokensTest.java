package io.lockstep.cli.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTokensTest {

    @Test
    void aTokenCarriesItsRoleAndEveryLowerOneAndVerifiesWithTheKeyC2IsGiven() throws Exception {
        FleetTokens tokens = new FleetTokens();
        String[] parts = tokens.token("cora", "operator").split("\\.");
        assertEquals(3, parts.length);
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("cora", claims.path("upn").asText());
        assertEquals(List.of("viewer", "operator"), List.of(claims.path("groups").get(0).asText(),
                claims.path("groups").get(1).asText()));
        assertEquals(2, claims.path("groups").size());
        assertEquals(FleetTokens.ISSUER, claims.path("iss").asText());

        String property = tokens.c2Properties().get(0);
        String pem = property.substring(property.indexOf('=') + 1);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
}
