package io.lockstep.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.now());
    private Enrolment enrolment;

    @BeforeEach
    void ca() throws Exception {
        FleetCa ca = FleetCa.create(dir, "test fleet CA", clock);
        enrolment = new Enrolment(ca, new EnrolmentTokens(dir, clock));
    }

    private EnrolmentRefusedException.Reason refusal(String nodeId, String token) {
        return assertThrows(EnrolmentRefusedException.class,
                () -> enrolment.enrol(nodeId, token, NodeKeys.generate().getPublic())).reason();
    }

    @Test
    void aTokenEnrolsItsNodeWithACertificateForTheNodesOwnKey() throws Exception {
        String token = enrolment.tokens().issue("node-a", Duration.ofHours(1));
        KeyPair key = NodeKeys.generate();

        List<X509Certificate> chain = Pem.certificates(enrolment.enrol("node-a", token, key.getPublic()));

        assertEquals(2, chain.size());
        assertEquals(key.getPublic(), chain.get(0).getPublicKey());
        assertEquals("CN=node-a", chain.get(0).getSubjectX500Principal().getName());
        chain.get(0).verify(enrolment.ca().certificate().getPublicKey());
    }

    @Test
    void aTokenCannotBeUsedTwice() throws Exception {
        String token = enrolment.tokens().issue("node-a", Duration.ofHours(1));
        enrolment.enrol("node-a", token, NodeKeys.generate().getPublic());

        assertEquals(EnrolmentRefusedException.Reason.ALREADY_USED, refusal("node-a", token));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = enrolment.tokens().issue("node-a", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));

        assertEquals(EnrolmentRefusedException.Reason.EXPIRED, refusal("node-a", token));
    }

    @Test
    void aTokenForAnotherNodeIsRefusedAndStaysUsableByItsNode() throws Exception {
        String token = enrolment.tokens().issue("node-a", Duration.ofHours(1));

        assertEquals(EnrolmentRefusedException.Reason.OTHER_NODE, refusal("node-b", token));
        enrolment.enrol("node-a", token, NodeKeys.generate().getPublic());
    }

    @Test
    void anUnknownTokenIsRefused() throws Exception {
        enrolment.tokens().issue("node-a", Duration.ofHours(1));

        assertEquals(EnrolmentRefusedException.Reason.UNKNOWN_TOKEN, refusal("node-a", "not-a-token"));
        assertEquals(EnrolmentRefusedException.Reason.UNKNOWN_TOKEN, refusal("node-a", null));
    }

    @Test
    void onlyTheTokensHashIsStored() throws Exception {
        String token = enrolment.tokens().issue("node-a", Duration.ofHours(1));

        String stored = Files.readString(dir.resolve(EnrolmentTokens.FILE));
        assertFalse(stored.contains(token));
        assertEquals(true, stored.contains(EnrolmentTokens.hash(token)));
    }
}
