package io.lockstep.c2.mission.area;

import io.lockstep.c2.mission.GeoPoint;
import java.util.List;

/**
 * Splits a mission's area among the nodes it is dispatched to. C2 uses {@link StripAreaAllocator} today;
 * a peer-to-peer allocator can replace it without touching the wire contract, which only carries each
 * node's resulting polygon and its share index/count.
 */
public interface AreaAllocator {

    /**
     * @param area       a simple polygon (validated), vertices in order, not closed
     * @param shareCount how many nodes share the area, at least 1
     * @return exactly {@code shareCount} polygons; element i is the area of share i
     */
    List<List<GeoPoint>> allocate(List<GeoPoint> area, int shareCount);
}
