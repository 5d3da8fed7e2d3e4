package io.lockstep.mesh.robustness;

import io.lockstep.mesh.message.WireCaptures;
import io.lockstep.mesh.message.WireCaptures.CapturedFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Deterministic mutations of the zenoh-pico captures: bit flips, truncations, insertions, byte overwrites. */
final class FrameMutations {
    private FrameMutations() {
    }

    static List<byte[]> of(long seed, int perFrame) throws IOException {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (String file : WireCaptures.captureFiles()) {
            for (CapturedFrame f : WireCaptures.load(file)) {
                byte[] original = f.bytes();
                for (int i = 0; i < perFrame; i++) {
                    out.add(mutate(original, rnd));
                }
                for (int cut = 1; cut < original.length; cut++) {
                    out.add(Arrays.copyOf(original, cut));
                }
            }
        }
        return out;
    }

    private static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        switch (rnd.nextInt(4)) {
            case 0: {
                int bit = rnd.nextInt(b.length * 8);
                b[bit / 8] ^= (byte) (1 << (bit % 8));
                return b;
            }
            case 1: {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
            case 2: {
                // A huge varint where a length or id is expected.
                int at = rnd.nextInt(b.length);
                byte[] longer = new byte[b.length + 4];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) 0xFF;
                longer[at + 1] = (byte) 0xFF;
                longer[at + 2] = (byte) 0xFF;
                longer[at + 3] = (byte) 0x7F;
                System.arraycopy(b, at, longer, at + 4, b.length - at);
                return longer;
            }
            default: {
                int at = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.max(1, b.length - at));
                byte[] noise = new byte[len];
                rnd.nextBytes(noise);
                System.arraycopy(noise, 0, b, at, Math.min(len, b.length - at));
                return b;
            }
        }
    }
}
