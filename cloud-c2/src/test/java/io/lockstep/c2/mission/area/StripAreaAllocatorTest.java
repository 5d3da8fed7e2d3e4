package io.lockstep.c2.mission.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lockstep.c2.mission.GeoPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripAreaAllocatorTest {

    private final StripAreaAllocator allocator = new StripAreaAllocator();

    private static GeoPoint p(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }

    @Test
    void oneShareIsTheWholeArea() {
        List<GeoPoint> square = List.of(p(0, 0), p(0, 1), p(1, 1), p(1, 0));

        assertThat(allocator.allocate(square, 1)).containsExactly(square);
    }

    @Test
    void splitsASquareIntoEqualVerticalStripsFromWestToEast() {
        List<GeoPoint> square = List.of(p(0, 0), p(0, 3), p(3, 3), p(3, 0));

        List<List<GeoPoint>> shares = allocator.allocate(square, 3);

        assertThat(shares).hasSize(3);
        for (int i = 0; i < 3; i++) {
            List<GeoPoint> share = shares.get(i);
            assertThat(Polygons.area(share)).isCloseTo(3.0, within(1e-9));
            double west = share.stream().mapToDouble(GeoPoint::lon).min().orElseThrow();
            double east = share.stream().mapToDouble(GeoPoint::lon).max().orElseThrow();
            assertThat(west).isCloseTo(i, within(1e-9));
            assertThat(east).isCloseTo(i + 1, within(1e-9));
        }
    }

    @Test
    void givesEqualAreasForAConcavePolygonAndCoversItExactly() {
        // An L shape: a tall western leg and a low eastern foot, so equal-width strips would be unfair.
        List<GeoPoint> lShape = List.of(p(0, 0), p(0, 4), p(1, 4), p(1, 1), p(4, 1), p(4, 0));
        double total = Polygons.area(lShape);

        List<List<GeoPoint>> shares = allocator.allocate(lShape, 4);

        double sum = 0;
        for (List<GeoPoint> share : shares) {
            assertThat(share.size()).isGreaterThanOrEqualTo(3);
            assertThat(Polygons.area(share)).isCloseTo(total / 4, within(1e-6));
            sum += Polygons.area(share);
            for (GeoPoint vertex : share) {
                assertThat(vertex.lon()).isBetween(0.0, 4.0);
                assertThat(vertex.lat()).isBetween(0.0, 4.0);
            }
        }
        assertThat(sum).isCloseTo(total, within(1e-6));
    }

    @Test
    void clipsATriangleAgainstABand() {
        List<GeoPoint> triangle = List.of(p(0, 0), p(0, 2), p(2, 0));

        List<GeoPoint> clipped = PolygonClipper.clipToBand(triangle, 0.5, 1.5);

        // The part of the triangle between lon 0.5 and 1.5: a trapezoid of area 1.0.
        assertThat(clipped).hasSize(4);
        assertThat(Polygons.area(clipped)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void detectsSelfIntersectingPolygons() {
        List<GeoPoint> bowTie = List.of(p(0, 0), p(1, 1), p(0, 1), p(1, 0));
        List<GeoPoint> square = List.of(p(0, 0), p(0, 1), p(1, 1), p(1, 0));

        assertThat(Polygons.selfIntersects(bowTie)).isTrue();
        assertThat(Polygons.selfIntersects(square)).isFalse();
    }
}
