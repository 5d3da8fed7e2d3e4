package io.lockstep.swarm.rightofway;

import java.util.Random;

/** Bit flips, truncations, extensions and random bytes of valid messages. */
final class Mutations {

    private Mutations() {
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> {
                out = valid.clone();
                for (int i = 0, flips = 1 + random.nextInt(4); i < flips; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 2 -> {
                out = java.util.Arrays.copyOf(valid, valid.length + 1 + random.nextInt(8));
                for (int i = valid.length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                out = new byte[random.nextInt(80)];
                random.nextBytes(out);
            }
        }
        return out;
    }
}
