package io.lockstep.swarm.cells;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact integer polygon arithmetic on E7 coordinates ({@code x} = longitude, {@code y} = latitude):
 * twice the signed area, the area centroid, and Sutherland-Hodgman clipping against an axis-aligned
 * rectangle. Intersections are rounded toward negative infinity ({@link Math#floorDiv}).
 */
final class IntPolygon {

    private IntPolygon() {
    }

    /** Twice the signed area (positive when counter-clockwise), exact. */
    static BigInteger twiceArea(long[] xs, long[] ys, int n) {
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            sum = sum.add(BigInteger.valueOf(xs[i]).multiply(BigInteger.valueOf(ys[j]))
                    .subtract(BigInteger.valueOf(xs[j]).multiply(BigInteger.valueOf(ys[i]))));
        }
        return sum;
    }

    /**
     * The area centroid, each coordinate {@code floor(sum((a_i + a_j) * cross_ij) / (3 * twiceArea))};
     * {@code twiceArea} must not be zero.
     */
    static PointE7 centroid(long[] xs, long[] ys, int n, BigInteger twiceArea) {
        BigInteger cx = BigInteger.ZERO;
        BigInteger cy = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            BigInteger cross = BigInteger.valueOf(xs[i]).multiply(BigInteger.valueOf(ys[j]))
                    .subtract(BigInteger.valueOf(xs[j]).multiply(BigInteger.valueOf(ys[i])));
            cx = cx.add(BigInteger.valueOf(xs[i] + xs[j]).multiply(cross));
            cy = cy.add(BigInteger.valueOf(ys[i] + ys[j]).multiply(cross));
        }
        BigInteger divisor = twiceArea.multiply(BigInteger.valueOf(3));
        return new PointE7(floorDiv(cy, divisor).intValueExact(), floorDiv(cx, divisor).intValueExact());
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && (qr[1].signum() != b.signum()) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** Vertices as parallel arrays; {@code size} is the vertex count. */
    record Ring(long[] xs, long[] ys, int size) {
    }

    /**
     * Clips the polygon to {@code [minX, maxX] x [minY, maxY]}, removes consecutive duplicate
     * vertices, and returns null when fewer than 3 vertices remain.
     */
    static Ring clip(Ring subject, long minX, long maxX, long minY, long maxY) {
        Ring r = clipEdge(subject, 0, minX);
        r = r == null ? null : clipEdge(r, 1, maxX);
        r = r == null ? null : clipEdge(r, 2, minY);
        r = r == null ? null : clipEdge(r, 3, maxY);
        return r == null ? null : dedupe(r);
    }

    /** side 0: keep x >= c; 1: x <= c; 2: y >= c; 3: y <= c. */
    private static Ring clipEdge(Ring in, int side, long c) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        long[] ox = new long[2 * n + 2];
        long[] oy = new long[2 * n + 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long px = in.xs()[i];
            long py = in.ys()[i];
            long qx = in.xs()[(i + 1) % n];
            long qy = in.ys()[(i + 1) % n];
            boolean pIn = inside(side, c, px, py);
            boolean qIn = inside(side, c, qx, qy);
            if (pIn) {
                ox[m] = px;
                oy[m] = py;
                m++;
            }
            if (pIn != qIn) {
                if (side < 2) {
                    // vertical line x = c
                    ox[m] = c;
                    oy[m] = py + Math.floorDiv((qy - py) * (c - px), qx - px);
                } else {
                    oy[m] = c;
                    ox[m] = px + Math.floorDiv((qx - px) * (c - py), qy - py);
                }
                m++;
            }
        }
        return m == 0 ? null : new Ring(ox, oy, m);
    }

    private static boolean inside(int side, long c, long x, long y) {
        return switch (side) {
            case 0 -> x >= c;
            case 1 -> x <= c;
            case 2 -> y >= c;
            default -> y <= c;
        };
    }

    private static Ring dedupe(Ring in) {
        List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            long x = in.xs()[i];
            long y = in.ys()[i];
            if (!kept.isEmpty()) {
                long[] last = kept.get(kept.size() - 1);
                if (last[0] == x && last[1] == y) {
                    continue;
                }
            }
            kept.add(new long[] {x, y});
        }
        while (kept.size() > 1 && kept.get(0)[0] == kept.get(kept.size() - 1)[0]
                && kept.get(0)[1] == kept.get(kept.size() - 1)[1]) {
            kept.remove(kept.size() - 1);
        }
        if (kept.size() < 3) {
            return null;
        }
        long[] xs = new long[kept.size()];
        long[] ys = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xs[i] = kept.get(i)[0];
            ys[i] = kept.get(i)[1];
        }
        return new Ring(xs, ys, xs.length);
    }
}
