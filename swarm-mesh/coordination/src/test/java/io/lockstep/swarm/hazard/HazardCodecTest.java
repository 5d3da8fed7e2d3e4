package io.lockstep.swarm.hazard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.swarm.codec.MalformedMessageException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HazardCodecTest {

    static Hazard sample() {
        return new Hazard("node-1", "mission-7", 3, 1_700_000_000_000_000L, HazardKind.DETECTION, 12_345, -6_789,
                5_000, 1_700_000_000_000L, 60_000);
    }

    @Test
    void roundTripsEveryKindAndAnEmptyMission() throws Exception {
        for (HazardKind kind : HazardKind.values()) {
            Hazard h = new Hazard("nöde-ü", "", 300_000, 0, kind, Integer.MIN_VALUE, Integer.MAX_VALUE, 1, 0, 1);
            assertEquals(h, HazardCodec.decode(HazardCodec.encode(h)));
        }
        Hazard h = sample();
        byte[] bytes = HazardCodec.encode(h);
        assertEquals(h, HazardCodec.decode(bytes));
        assertTrue(bytes.length <= HazardCodec.MAX_BYTES);
        assertArrayEquals(new byte[] {'L', 'S', 'H', 'Z', 1}, Arrays.copyOf(bytes, 5));
    }

    @Test
    void theLargestMessageFitsTheCap() {
        String longest = "n".repeat(128);
        Hazard h = new Hazard(longest, "m".repeat(128), Integer.MAX_VALUE, Long.MAX_VALUE, HazardKind.OPERATOR,
                0, 0, Hazard.MAX_RADIUS_MM, Long.MAX_VALUE - Hazard.MAX_TTL_MS, Hazard.MAX_TTL_MS);
        assertTrue(HazardCodec.encode(h).length <= HazardCodec.MAX_BYTES);
    }

    @Test
    void refusesEveryTruncationAndTrailingBytes() {
        byte[] bytes = HazardCodec.encode(sample());
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(cut), "length " + length);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(longer));
    }

    @Test
    void refusesOversizedUnknownKindAndOutOfRangeFields() {
        assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(new byte[HazardCodec.MAX_BYTES + 1]));
        byte[] bytes = HazardCodec.encode(sample());
        int kindAt = 5 + 1 + "node-1".length() + 1 + "mission-7".length();
        byte[] badKind = bytes.clone();
        badKind[kindAt] = 9;
        assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(badKind));
        byte[] badVersion = bytes.clone();
        badVersion[4] = 2;
        assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(badVersion));
        byte[] zeroTtl = bytes.clone();
        Arrays.fill(zeroTtl, zeroTtl.length - 4, zeroTtl.length, (byte) 0);
        assertThrows(MalformedMessageException.class, () -> HazardCodec.decode(zeroTtl));
    }

    @Test
    void mutatedMessagesDecodeOrFailCleanly() {
        byte[] bytes = HazardCodec.encode(sample());
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = bytes.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                Hazard decoded = HazardCodec.decode(mutated);
                assertArrayEquals(mutated, HazardCodec.encode(decoded), "a decoded message re-encodes to its bytes");
            } catch (MalformedMessageException expected) {
                // refused cleanly
            }
        }
    }
}
