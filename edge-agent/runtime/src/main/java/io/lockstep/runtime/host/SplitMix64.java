package io.lockstep.runtime.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The deterministic generator behind {@code rand_u64}: SplitMix64 with an explicit, snapshot-able state. */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /**
     * The ABI seed: the first 8 bytes of {@code sha256(missionId + "/" + agentName)} read as a little-endian
     * u64.
     */
    public static long seed(String missionId, String agentName) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((missionId + "/" + agentName).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long state() {
        return state;
    }
}
