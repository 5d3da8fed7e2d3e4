package io.lockstep.mesh.message.payload;

/** ERR: {@code |Z|E|X|ERR|} then encoding if E, extensions (source info 0x1) if Z, then the payload. */
public record Err(Encoding encoding, SourceInfo sourceInfo, byte[] payload) implements ResponseBody {
}
