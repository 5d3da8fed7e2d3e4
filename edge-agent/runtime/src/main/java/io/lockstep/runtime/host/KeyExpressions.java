package io.lockstep.runtime.host;

/**
 * Zenoh key expressions, the subset the runtime needs: chunks separated by {@code /}; in patterns,
 * {@code *} matches exactly one chunk, {@code **} zero or more chunks, and {@code $*} inside a chunk any
 * run of characters.
 */
public final class KeyExpressions {
    private KeyExpressions() {
    }

    /** Whether {@code key} is a concrete key expression: non-empty chunks, no wildcards. */
    public static boolean isConcrete(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '*' || c == '$' || c == '?' || c == '#' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    /** Whether concrete {@code key} matches {@code pattern}. */
    public static boolean matches(String pattern, String key) {
        return matchChunks(pattern.split("/", -1), 0, key.split("/", -1), 0);
    }

    private static boolean matchChunks(String[] p, int pi, String[] k, int ki) {
        if (pi == p.length) {
            return ki == k.length;
        }
        if (p[pi].equals("**")) {
            for (int skip = ki; skip <= k.length; skip++) {
                if (matchChunks(p, pi + 1, k, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (ki == k.length) {
            return false;
        }
        return matchChunk(p[pi], k[ki]) && matchChunks(p, pi + 1, k, ki + 1);
    }

    private static boolean matchChunk(String pattern, String chunk) {
        if (pattern.equals("*")) {
            return !chunk.isEmpty();
        }
        if (!pattern.contains("$*")) {
            return pattern.equals(chunk);
        }
        String[] parts = pattern.split("\\$\\*", -1);
        if (!chunk.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = chunk.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return chunk.length() - at >= last.length() && chunk.endsWith(last);
    }
}
