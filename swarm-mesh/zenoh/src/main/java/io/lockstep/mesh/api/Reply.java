package io.lockstep.mesh.api;

import io.lockstep.mesh.message.ZenohId;
import io.lockstep.mesh.message.payload.Encoding;
import java.nio.charset.StandardCharsets;

/** One answer to a get: either a sample or an error payload, and who replied (null when unknown). */
public record Reply(Sample sample, byte[] error, Encoding errorEncoding, ZenohId replier) {
    public static Reply ok(Sample sample, ZenohId replier) {
        return new Reply(sample, null, null, replier);
    }

    public static Reply error(byte[] payload, Encoding encoding, ZenohId replier) {
        return new Reply(null, payload, encoding == null ? Encoding.DEFAULT : encoding, replier);
    }

    public boolean isOk() {
        return sample != null;
    }

    public String errorAsString() {
        return error == null ? null : new String(error, StandardCharsets.UTF_8);
    }
}
