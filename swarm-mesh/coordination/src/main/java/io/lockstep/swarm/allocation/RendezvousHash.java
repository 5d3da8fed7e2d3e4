package io.lockstep.swarm.allocation;

import io.lockstep.swarm.codec.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * The allocation hash, specified byte for byte so any language can reproduce it:
 * <pre>
 *   nodeKey(mission, node) = first 8 bytes, big-endian, of SHA-256(UTF-8(mission) || 0x00 || UTF-8(node))
 *   cellKey(cell, draw)    = mix64(((cell as u64) &lt;&lt; 32 | draw) + 0x9E3779B97F4A7C15)
 *   score(node, cell, draw) = mix64(nodeKey XOR cellKey)                  (compared as unsigned)
 *   mix64(z): z = (z ^ (z &gt;&gt;&gt; 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z &gt;&gt;&gt; 27)) * 0x94D049BB133111EB;
 *             return z ^ (z &gt;&gt;&gt; 31)                       (SplitMix64's finalizer, arithmetic mod 2^64)
 * </pre>
 * A node of capability {@code c} gets the draws {@code 0..c-1} and its score for a cell is the largest
 * of them; the highest score owns the cell. With independent uniform draws the maximum is equally likely
 * to be any draw, so a node wins a cell with probability exactly {@code c / sum(c)}.
 */
public final class RendezvousHash {

    private RendezvousHash() {
    }

    public static long nodeKey(String missionId, String nodeId) {
        byte[] mission = missionId.getBytes(StandardCharsets.UTF_8);
        byte[] node = nodeId.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[mission.length + 1 + node.length];
        System.arraycopy(mission, 0, input, 0, mission.length);
        System.arraycopy(node, 0, input, mission.length + 1, node.length);
        return Sha256.firstLong(Sha256.of(input));
    }

    public static long cellKey(int cell, int draw) {
        return mix64((((long) cell) << 32 | (draw & 0xFFFFFFFFL)) + 0x9E3779B97F4A7C15L);
    }

    public static long score(long nodeKey, long cellKey) {
        return mix64(nodeKey ^ cellKey);
    }

    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
