package io.lockstep.mesh.message.payload;

/** What a REQUEST carries: normally a QUERY; PUT and DEL are accepted as zenoh-pico does. */
public sealed interface RequestBody permits Query, PushBody {
}
