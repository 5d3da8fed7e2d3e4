package io.lockstep.mesh.message.network;

/** A network-layer message; several are batched inside one transport FRAME. */
public sealed interface NetworkMessage permits Push, Request, Response, ResponseFinal, Declare, Interest, Oam {
}
