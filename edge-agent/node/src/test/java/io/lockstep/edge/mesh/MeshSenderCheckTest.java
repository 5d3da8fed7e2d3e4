package io.lockstep.edge.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.mesh.api.Sample;
import io.lockstep.mesh.api.SampleKind;
import org.junit.jupiter.api.Test;

class MeshSenderCheckTest {

    private static Sample from(String identity) {
        return new Sample("lockstep/estop/x", SampleKind.PUT, new byte[0], null, null, null, identity);
    }

    @Test
    void aCertifiedPeerSpeaksOnlyForItself() {
        MeshSenderCheck check = new MeshSenderCheck("node-a", true);

        assertTrue(check.allows(from("node-b"), "node-b", "e-stop"));
        assertFalse(check.allows(from("node-b"), "node-a", "e-stop"));
        assertFalse(check.allows(from("node-b"), "node-c", "mission"));
        assertEquals(2, check.refused());
    }

    @Test
    void withTlsRequiredOnlyThisNodesOwnPublicationsComeWithoutACertificate() {
        MeshSenderCheck check = new MeshSenderCheck("node-a", true);

        assertTrue(check.allows(from(null), "node-a", "swarm"));
        assertFalse(check.allows(from(null), "node-b", "swarm"));
        assertEquals(1, check.refused());
    }

    @Test
    void onAPlainDevelopmentMeshUnauthenticatedSamplesPassButCertifiedOnesAreStillBound() {
        MeshSenderCheck check = new MeshSenderCheck("node-a", false);

        assertTrue(check.allows(from(null), "node-b", "swarm"));
        assertFalse(check.allows(from("node-b"), "node-c", "swarm"));
    }

    @Test
    void idsThatAreNotPlainKeyChunksAreComparedByTheirChunk() {
        MeshSenderCheck check = new MeshSenderCheck("node-a", true);

        assertTrue(check.allows(from("node b/x"), MeshKeys.chunk("node b/x"), "e-stop"));
        assertTrue(check.allows(from("node b/x"), "node b/x", "mission"));
    }
}
