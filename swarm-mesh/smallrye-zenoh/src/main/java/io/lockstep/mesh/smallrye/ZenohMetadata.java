package io.lockstep.mesh.smallrye;

import io.lockstep.mesh.api.SampleKind;

/**
 * Metadata of a Zenoh message: on incoming messages, the sample's key, kind, encoding and attachment; on outgoing
 * messages, an optional key overriding the channel's {@code key} attribute.
 */
public record ZenohMetadata(String keyExpr, SampleKind kind, String encoding, byte[] attachment) {
    public static ZenohMetadata outgoingKey(String keyExpr) {
        return new ZenohMetadata(keyExpr, SampleKind.PUT, null, null);
    }
}
