package io.lockstep.mesh.message.payload;

/** What a RESPONSE carries: a REPLY or an ERR. */
public sealed interface ResponseBody permits Reply, Err {
}
