package io.lockstep.mesh.message.payload;

/**
 * QUERY: {@code |Z|P|C|QUERY|} then consolidation if C, parameters if P, extensions (source info 0x1, body 0x3,
 * attachment 0x5) if Z. {@code consolidation} is the wire value (0 auto, 1 none, 2 monotonic, 3 latest).
 */
public record Query(Integer consolidation, String parameters, SourceInfo sourceInfo, Encoding bodyEncoding,
        byte[] body, byte[] attachment) implements RequestBody {
}
