package io.lockstep.mesh.api;

import io.lockstep.mesh.message.payload.Encoding;
import io.lockstep.mesh.message.payload.Timestamp;
import java.nio.charset.StandardCharsets;

/**
 * A value received by a subscriber, a get, or a liveliness subscriber. Absent parts are null.
 *
 * @param peerIdentity the identity named by the certificate of the peer this sample arrived from over an
 *        authenticated (TLS) session; null for this session's own publications and for plain TCP peers
 */
public record Sample(String keyExpr, SampleKind kind, byte[] payload, Encoding encoding, Timestamp timestamp,
        byte[] attachment, String peerIdentity) {

    public Sample(String keyExpr, SampleKind kind, byte[] payload, Encoding encoding, Timestamp timestamp,
            byte[] attachment) {
        this(keyExpr, kind, payload, encoding, timestamp, attachment, null);
    }

    public Sample {
        payload = payload == null ? new byte[0] : payload;
        encoding = encoding == null ? Encoding.DEFAULT : encoding;
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public String attachmentAsString() {
        return attachment == null ? null : new String(attachment, StandardCharsets.UTF_8);
    }
}
