package io.lockstep.c2.signing;

import io.lockstep.proto.signing.MissionSigningKeys;
import io.lockstep.proto.v1.AssignMission;
import io.lockstep.proto.v1.MissionAssignment;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs assignments: the MissionAssignment is serialized once, and those exact bytes are signed and sent
 * ({@code AssignMission.signed_assignment}) next to the parsed message old nodes read.
 */
@ApplicationScoped
public class AssignmentSigner {

    private final MissionSigningKey key;

    public AssignmentSigner(MissionSigningKey key) {
        this.key = key;
    }

    public AssignMission sign(MissionAssignment assignment) {
        byte[] bytes = assignment.toByteArray();
        return AssignMission.newBuilder()
                .setAssignment(assignment)
                .setSignedAssignment(com.google.protobuf.ByteString.copyFrom(bytes))
                .setSignature(com.google.protobuf.ByteString.copyFrom(MissionSigningKeys.sign(key.pair().getPrivate(), bytes)))
                .setSigningKeyId(key.keyId())
                .build();
    }
}
