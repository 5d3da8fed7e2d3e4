package io.lockstep.mesh.message.payload;

/** What a PUSH (or a REPLY) carries: a PUT or a DEL. */
public sealed interface PushBody extends RequestBody permits Put, Del {
    Timestamp timestamp();

    SourceInfo sourceInfo();

    byte[] attachment();
}
