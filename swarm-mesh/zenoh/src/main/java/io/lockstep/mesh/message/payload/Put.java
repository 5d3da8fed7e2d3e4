package io.lockstep.mesh.message.payload;

/**
 * PUT: {@code |Z|E|T|PUT|} then timestamp if T, encoding if E, extensions (source info 0x1, attachment 0x3) if Z,
 * then the payload. Absent optional parts are {@code null}.
 */
public record Put(Timestamp timestamp, Encoding encoding, SourceInfo sourceInfo, byte[] attachment, byte[] payload)
        implements PushBody {
    public static Put of(byte[] payload) {
        return new Put(null, null, null, null, payload);
    }
}
