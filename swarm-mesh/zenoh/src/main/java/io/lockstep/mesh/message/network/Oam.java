package io.lockstep.mesh.message.network;

/**
 * OAM: operations and management between routers (e.g. link-state). Decoded so it can be recognised and ignored;
 * {@code encoding} is 0 (unit), 1 (zint) or 2 (zbuf) and selects which of {@code value}/{@code body} is meaningful.
 */
public record Oam(int id, int encoding, long value, byte[] body) implements NetworkMessage {
}
