package io.lockstep.mesh.message.payload;

/** DEL: {@code |Z|X|T|DEL|} then timestamp if T and extensions (source info 0x1, attachment 0x3) if Z. */
public record Del(Timestamp timestamp, SourceInfo sourceInfo, byte[] attachment) implements PushBody {
}
