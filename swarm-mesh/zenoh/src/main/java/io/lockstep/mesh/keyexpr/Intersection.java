package io.lockstep.mesh.keyexpr;

/** Chunk-level algorithms for {@link KeyExpr#intersects} and {@link KeyExpr#includes}, with {@code **} handling. */
final class Intersection {
    private static final String DOUBLE = "**";

    private Intersection() {
    }

    static boolean intersects(String[] a, String[] b) {
        boolean[][] r = new boolean[a.length + 1][b.length + 1];
        for (int i = a.length; i >= 0; i--) {
            for (int j = b.length; j >= 0; j--) {
                boolean ok;
                if (i == a.length && j == b.length) {
                    ok = true;
                } else if (i < a.length && a[i].equals(DOUBLE)) {
                    ok = r[i + 1][j] || (j < b.length && !ChunkMatcher.isVerbatim(b[j]) && r[i][j + 1]);
                } else if (j < b.length && b[j].equals(DOUBLE)) {
                    ok = r[i][j + 1] || (i < a.length && !ChunkMatcher.isVerbatim(a[i]) && r[i + 1][j]);
                } else if (i < a.length && j < b.length) {
                    ok = ChunkMatcher.intersects(a[i], b[j]) && r[i + 1][j + 1];
                } else {
                    ok = false;
                }
                r[i][j] = ok;
            }
        }
        return r[0][0];
    }

    static boolean includes(String[] a, String[] b) {
        boolean[][] r = new boolean[a.length + 1][b.length + 1];
        for (int i = a.length; i >= 0; i--) {
            for (int j = b.length; j >= 0; j--) {
                boolean ok;
                if (i == a.length) {
                    ok = j == b.length;
                } else if (a[i].equals(DOUBLE)) {
                    ok = r[i + 1][j] || (j < b.length && !ChunkMatcher.isVerbatim(b[j]) && r[i][j + 1]);
                } else if (j == b.length || b[j].equals(DOUBLE)) {
                    ok = false;
                } else {
                    ok = ChunkMatcher.includes(a[i], b[j]) && r[i + 1][j + 1];
                }
                r[i][j] = ok;
            }
        }
        return r[0][0];
    }
}
