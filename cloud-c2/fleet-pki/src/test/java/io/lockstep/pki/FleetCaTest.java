package io.lockstep.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCaTest {

    @TempDir
    Path dir;

    private static void validate(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        params.setDate(new Date());
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
    }

    @Test
    void aNodeCertificateChainsToTheFleetCaAndNamesItsNode() throws Exception {
        FleetCa ca = FleetCa.create(dir, "test fleet CA", Clock.systemUTC());
        KeyPair node = NodeKeys.generate();

        X509Certificate cert = ca.issueNode("node-a", node.getPublic());

        validate(cert, ca.certificate());
        assertEquals("CN=node-a", cert.getSubjectX500Principal().getName());
        assertTrue(cert.getSubjectAlternativeNames().stream()
                .anyMatch(n -> n.get(0).equals(6) && n.get(1).equals("lockstep:node:node-a")));
        assertTrue(cert.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(ca.certificate().getBasicConstraints() >= 0);
    }

    @Test
    void theCaReloadsFromItsDirectoryAndIsNeverOverwritten() throws Exception {
        FleetCa created = FleetCa.create(dir, "test fleet CA", Clock.systemUTC());
        FleetCa loaded = FleetCa.load(dir, Clock.systemUTC());

        validate(loaded.issueNode("node-b", NodeKeys.generate().getPublic()), created.certificate());
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> FleetCa.create(dir, "again", Clock.systemUTC()));
    }

    @Test
    void aCertificateFromAnotherCaDoesNotValidate() throws Exception {
        FleetCa ours = FleetCa.create(dir.resolve("ours"), "ours", Clock.systemUTC());
        FleetCa theirs = FleetCa.create(dir.resolve("theirs"), "theirs", Clock.systemUTC());

        X509Certificate foreign = theirs.issueNode("node-a", NodeKeys.generate().getPublic());

        assertThrows(CertPathValidatorException.class, () -> validate(foreign, ours.certificate()));
    }

    @Test
    void malformedNodeIdsAreRefused() throws Exception {
        FleetCa ca = FleetCa.create(dir, "test fleet CA", Clock.systemUTC());

        assertThrows(IllegalArgumentException.class, () -> ca.issueNode("node a", NodeKeys.generate().getPublic()));
        assertThrows(IllegalArgumentException.class, () -> ca.issueNode("", NodeKeys.generate().getPublic()));
    }

    @Test
    void theCaKeyIsReadableByItsOwnerOnly() throws Exception {
        FleetCa.create(dir, "test fleet CA", Clock.systemUTC());

        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(FleetCa.KEY))));
    }
}
