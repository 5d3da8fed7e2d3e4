package io.lockstep.runtime.host;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * An agent's key/value store ({@code kv_get}/{@code kv_put}). Keys sort by their UTF-16 string order, so
 * iteration (digests, snapshots) is deterministic.
 */
public final class KvStore {
    public static final int MAX_KEY_BYTES = 128;
    public static final int MAX_VALUE_BYTES = 4096;
    public static final int MAX_TOTAL_BYTES = 256 * 1024;

    private final TreeMap<String, byte[]> entries = new TreeMap<>();
    private int totalBytes;
    private long digest;
    private boolean digestValid;

    public byte[] get(String key) {
        return entries.get(key);
    }

    /**
     * Stores or, for an empty value, deletes.
     *
     * @return {@link HostCodes#OK}, {@link HostCodes#ETOOBIG} for an oversized key or value, or
     *         {@link HostCodes#ELIMIT} when the total would exceed {@link #MAX_TOTAL_BYTES}
     */
    public int put(String key, byte[] value) {
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (keyBytes > MAX_KEY_BYTES || value.length > MAX_VALUE_BYTES) {
            return HostCodes.ETOOBIG;
        }
        byte[] old = entries.get(key);
        int oldSize = old == null ? 0 : keyBytes + old.length;
        if (value.length == 0) {
            if (old != null) {
                entries.remove(key);
                totalBytes -= oldSize;
                digestValid = false;
            }
            return HostCodes.OK;
        }
        int newTotal = totalBytes - oldSize + keyBytes + value.length;
        if (newTotal > MAX_TOTAL_BYTES) {
            return HostCodes.ELIMIT;
        }
        if (old != null && Arrays.equals(old, value)) {
            return HostCodes.OK;
        }
        entries.put(key, value.clone());
        totalBytes = newTotal;
        digestValid = false;
        return HostCodes.OK;
    }

    /** A 64-bit digest of all entries, recomputed only after a change. */
    public long digest() {
        if (!digestValid) {
            CRC32C low = new CRC32C();
            CRC32C high = new CRC32C();
            high.update(0x5A);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
                for (CRC32C c : new CRC32C[] {low, high}) {
                    c.update(k.length);
                    c.update(k);
                    c.update(e.getValue().length >>> 8);
                    c.update(e.getValue().length);
                    c.update(e.getValue());
                }
            }
            digest = (high.getValue() << 32) | low.getValue();
            digestValid = true;
        }
        return digest;
    }

    public SortedMap<String, byte[]> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }

    /** Replaces the contents (snapshot restore). */
    public void restore(SortedMap<String, byte[]> snapshot) {
        entries.clear();
        totalBytes = 0;
        for (Map.Entry<String, byte[]> e : snapshot.entrySet()) {
            entries.put(e.getKey(), e.getValue().clone());
            totalBytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        digestValid = false;
    }
}
