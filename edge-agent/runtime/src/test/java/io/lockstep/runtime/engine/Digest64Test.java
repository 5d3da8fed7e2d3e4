package io.lockstep.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streamed digest is the digest of the DataOutputStream encoding, so fingerprints did not change. */
class Digest64Test {

    @Test
    void streamingEqualsHashingTheEncodedBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Digest64 d = new Digest64();
        assertEquals(Hashing.digest64(new byte[0]), d.value(), "empty");
        out.writeInt(-7);
        d.i32(-7);
        out.writeLong(0x0123456789ABCDEFL);
        d.i64(0x0123456789ABCDEFL);
        out.writeBoolean(true);
        d.u8(1);
        out.writeByte(200);
        d.u8(200);
        byte[] topic = "swarm/é/1".getBytes(StandardCharsets.UTF_8);
        out.writeInt(topic.length);
        out.write(topic);
        d.string("swarm/é/1");
        out.writeInt(3);
        out.write(new byte[] {1, 2, 3});
        d.bytes(new byte[] {1, 2, 3});
        out.flush();
        assertEquals(Hashing.digest64(bytes.toByteArray()), d.value());
    }
}
