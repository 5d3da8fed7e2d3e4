package io.lockstep.swarm.codec;

import java.util.Random;

/** Mutations of valid messages: bit flips, truncation, extension, random bytes, splices. */
final class MessageFuzz {

    private MessageFuzz() {
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] out;
        switch (random.nextInt(6)) {
            case 0 -> {
                out = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                out = new byte[random.nextInt(valid.length + 1)];
                System.arraycopy(valid, 0, out, 0, out.length);
            }
            case 2 -> {
                out = new byte[valid.length + 1 + random.nextInt(8)];
                System.arraycopy(valid, 0, out, 0, valid.length);
                for (int i = valid.length; i < out.length; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                out = new byte[random.nextInt(64)];
                random.nextBytes(out);
            }
            case 4 -> {
                out = valid.clone();
                int at = random.nextInt(Math.max(1, out.length));
                if (out.length > 0) {
                    out[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                }
            }
            default -> {
                // keep the header, randomise the body
                out = valid.clone();
                for (int i = Math.min(5, out.length); i < out.length; i++) {
                    if (random.nextInt(4) == 0) {
                        out[i] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return out;
    }
}
