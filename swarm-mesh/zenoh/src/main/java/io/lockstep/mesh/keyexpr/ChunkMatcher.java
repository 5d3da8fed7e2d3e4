package io.lockstep.mesh.keyexpr;

/**
 * Intersection and inclusion of single chunks, where {@code $*} matches any (possibly empty) run of characters
 * inside a chunk and {@code *} matches any whole chunk. Chunks starting with '@' are verbatim: only an identical
 * chunk matches them.
 */
final class ChunkMatcher {
    private static final String STAR = "$*";

    private ChunkMatcher() {
    }

    static boolean isVerbatim(String chunk) {
        return chunk.startsWith("@");
    }

    static boolean intersects(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (isVerbatim(a) || isVerbatim(b)) {
            return false;
        }
        if (a.equals("*") || b.equals("*")) {
            return true;
        }
        return globIntersects(tokens(a), tokens(b));
    }

    /** True when every chunk matched by {@code b} is matched by {@code a}. */
    static boolean includes(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (isVerbatim(a) || isVerbatim(b)) {
            return false;
        }
        if (a.equals("*")) {
            return true;
        }
        if (b.equals("*")) {
            return false;
        }
        return globIncludes(tokens(a), tokens(b));
    }

    /** Splits a chunk into tokens: single characters, and {@code $*} as one token. */
    private static String[] tokens(String chunk) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.startsWith(STAR, i)) {
                out.add(STAR);
                i++;
            } else {
                out.add(String.valueOf(chunk.charAt(i)));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean globIntersects(String[] a, String[] b) {
        // reach[i][j]: some string is matched by both a[i..] and b[j..]
        boolean[][] reach = new boolean[a.length + 1][b.length + 1];
        reach[a.length][b.length] = true;
        for (int i = a.length; i >= 0; i--) {
            for (int j = b.length; j >= 0; j--) {
                if (i == a.length && j == b.length) {
                    continue;
                }
                boolean ok = false;
                if (i < a.length && a[i].equals(STAR)) {
                    ok = reach[i + 1][j] || (j < b.length && reach[i][j + 1]);
                }
                if (!ok && j < b.length && b[j].equals(STAR)) {
                    ok = reach[i][j + 1] || (i < a.length && reach[i + 1][j]);
                }
                if (!ok && i < a.length && j < b.length && !a[i].equals(STAR) && !b[j].equals(STAR)) {
                    ok = a[i].equals(b[j]) && reach[i + 1][j + 1];
                }
                reach[i][j] = ok;
            }
        }
        return reach[0][0];
    }

    private static boolean globIncludes(String[] a, String[] b) {
        // inc[i][j]: every string matched by b[j..] is matched by a[i..]
        boolean[][] inc = new boolean[a.length + 1][b.length + 1];
        inc[a.length][b.length] = true;
        for (int i = a.length; i >= 0; i--) {
            for (int j = b.length; j >= 0; j--) {
                if (i == a.length && j == b.length) {
                    continue;
                }
                boolean ok = false;
                if (i < a.length && a[i].equals(STAR)) {
                    ok = inc[i + 1][j] || (j < b.length && inc[i][j + 1]);
                } else if (i < a.length && j < b.length && !b[j].equals(STAR)) {
                    ok = a[i].equals(b[j]) && inc[i + 1][j + 1];
                }
                inc[i][j] = ok;
            }
        }
        return inc[0][0];
    }
}
