package io.lockstep.mesh.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lockstep.mesh.codec.MalformedMessageException;
import io.lockstep.mesh.message.transport.TransportCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mutated captures either decode or fail with a MalformedMessageException: never any other exception. */
class CodecFuzzTest {

    @Test
    void mutatedFramesFailOnlyWithMalformedMessage() throws Exception {
        List<byte[]> inputs = FrameMutations.of(20_261_121L, 200);
        int refused = 0;
        for (byte[] input : inputs) {
            try {
                TransportCodec.decode(input);
            } catch (MalformedMessageException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "errors say what is wrong");
                refused++;
            } catch (RuntimeException | Error e) {
                fail("decoder threw " + e + " for " + java.util.HexFormat.of().formatHex(input));
            }
        }
        assertTrue(refused > inputs.size() / 4, "most mutations are refused: " + refused + "/" + inputs.size());
    }
}
