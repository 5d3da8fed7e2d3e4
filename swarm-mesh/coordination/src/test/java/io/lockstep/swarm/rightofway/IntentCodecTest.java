package io.lockstep.swarm.rightofway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.codec.MalformedMessageException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntentCodecTest {

    @Test
    void generatedIntentsRoundTripAndStayUnderTheCap() throws Exception {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            Intent intent = Intents.random(random, "node-" + "x".repeat(random.nextInt(120)));
            byte[] bytes = IntentCodec.encode(intent);
            assertTrue(bytes.length <= IntentCodec.MAX_BYTES, bytes.length + " bytes");
            assertEquals(intent, IntentCodec.decode(bytes));
        }
    }

    @Test
    void mutatedIntentsDecodeOrThrowOnlyMalformed() {
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            byte[] valid = IntentCodec.encode(Intents.random(random, "n" + n));
            byte[] mutated = Mutations.mutate(valid, random);
            try {
                Intent decoded = IntentCodec.decode(mutated);
                // whatever decodes must be canonical: it encodes back to the same bytes
                assertTrue(Arrays.equals(mutated, IntentCodec.encode(decoded)));
            } catch (MalformedMessageException expected) {
                // counted and dropped by the table
            }
        }
    }

    @Test
    void refusesEachBrokenRule() {
        byte[] valid = IntentCodec.encode(Intents.of("a", 1, 100, 0, 0, Intents.want(3), Intents.in(5)));
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(new byte[IntentCodec.MAX_BYTES + 1]));
        byte[] badMagic = valid.clone();
        badMagic[0] = 'X';
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(badMagic));
        byte[] badVersion = valid.clone();
        badVersion[4] = 2;
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(badVersion));
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(Arrays.copyOf(valid, valid.length - 1)));
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(Arrays.copyOf(valid, valid.length + 1)));
        byte[] unsorted = valid.clone(); // swap the two zone ids: no longer ascending
        int firstZone = valid.length - 10;
        unsorted[firstZone + 3] = 5;
        unsorted[firstZone + 8] = 3;
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(unsorted));
        byte[] badInside = valid.clone();
        badInside[valid.length - 1] = 4;
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(badInside));
        byte[] badFlags = valid.clone();
        badFlags[valid.length - 13] = (byte) 0x80; // flags byte: before priority and count
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(badFlags));
        Intent longLease = new Intent("a", 1, 0, Intent.MAX_LEASE_MS, 0, 0, 0, 0, 0, 0, java.util.List.of());
        byte[] tooLong = IntentCodec.encode(longLease);
        tooLong[5 + 2 + 8 + 8 + 7] += 1; // expiry one past the longest lease
        assertThrows(MalformedMessageException.class, () -> IntentCodec.decode(tooLong));
    }
}
