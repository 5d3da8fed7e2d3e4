package io.lockstep.edge.mission;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockstep.proto.v1.LatLon;
import io.lockstep.proto.v1.Mission;
import io.lockstep.proto.v1.Polygon;
import org.junit.jupiter.api.Test;

class LocalFrameTest {

    private static LatLon ll(double lat, double lon) {
        return LatLon.newBuilder().setLat(lat).setLon(lon).build();
    }

    @Test
    void oneDegreeOfLatitudeIsAboutOneHundredElevenKilometresNorth() {
        LocalFrame frame = new LocalFrame(0, 0);
        double[] xy = frame.toLocal(1, 0);
        assertEquals(0, xy[0], 1e-9);
        assertEquals(111_195.08, xy[1], 0.01);
    }

    @Test
    void longitudeShrinksWithTheCosineOfTheOriginLatitude() {
        LocalFrame frame = new LocalFrame(60, 10);
        double[] xy = frame.toLocal(60, 11);
        assertEquals(111_195.08 * 0.5, xy[0], 0.01);
        assertEquals(0, xy[1], 1e-9);
    }

    @Test
    void roundTripsAndWrapsAcrossTheAntimeridian() {
        LocalFrame frame = new LocalFrame(-17.7, 179.99);
        double[] xy = frame.toLocal(-17.7, -179.99);
        assertEquals(0.02 * 111_195.08 * Math.cos(Math.toRadians(-17.7)), xy[0], 0.01);
        double[] back = frame.toLatLon(xy[0], xy[1]);
        assertEquals(-17.7, back[0], 1e-9);
        assertEquals(-179.99, back[1], 1e-9);
    }

    @Test
    void anchorsAtFrameOriginOrElseTheFirstVertex() {
        Polygon area = Polygon.newBuilder().addVertices(ll(48.0, 11.0)).addVertices(ll(48.0, 11.001))
                .addVertices(ll(48.001, 11.0)).build();
        LocalFrame byVertex = LocalFrame.of(Mission.newBuilder().setId("m").setArea(area).build());
        assertArrayEquals(new double[] {0, 0}, byVertex.toLocal(48.0, 11.0), 1e-9);
        LocalFrame byOrigin = LocalFrame.of(Mission.newBuilder().setId("m").setArea(area)
                .setFrameOrigin(ll(47.999, 11.0)).build());
        assertEquals(111.195, byOrigin.toLocal(48.0, 11.0)[1], 0.001);
        double[] pairs = byVertex.toLocalPairs(area);
        assertEquals(6, pairs.length);
        assertEquals(111.195 * Math.cos(Math.toRadians(48.0)), pairs[2], 0.001);
    }

    @Test
    void refusesPositionsOutsideWgs84AndDegeneratePolygons() {
        assertThrows(IllegalArgumentException.class, () -> new LocalFrame(91, 0));
        assertThrows(IllegalArgumentException.class, () -> new LocalFrame(89.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new LocalFrame(Double.NaN, 0));
        LocalFrame frame = new LocalFrame(0, 0);
        assertThrows(IllegalArgumentException.class, () -> frame.toLocal(0, 181));
        assertThrows(IllegalArgumentException.class, () -> frame.toLatLon(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class,
                () -> frame.toLocalPairs(Polygon.newBuilder().addVertices(ll(0, 0)).addVertices(ll(0, 1)).build()));
        assertThrows(IllegalArgumentException.class, () -> LocalFrame.of(Mission.newBuilder().setId("m").build()));
    }
}
