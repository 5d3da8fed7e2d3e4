package io.lockstep.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoMissionTest {

    @Test
    void theFieldStartsAtTheFrameOriginAndHasTheAskedSize() {
        Map<String, Object> mission = DemoMission.json(48, 36, "a", "b", "c");
        List<?> area = (List<?>) mission.get("area");
        assertEquals(4, area.size());
        Map<?, ?> origin = (Map<?, ?>) area.get(0);
        assertEquals(DemoMission.FRAME.originLat(), (double) origin.get("lat"), 1e-12);
        assertEquals(DemoMission.FRAME.originLon(), (double) origin.get("lon"), 1e-12);
        Map<?, ?> northEast = (Map<?, ?>) area.get(2);
        double northM = Math.toRadians((double) northEast.get("lat") - DemoMission.FRAME.originLat())
                * LocalFrame.EARTH_RADIUS_M;
        double eastM = Math.toRadians((double) northEast.get("lon") - DemoMission.FRAME.originLon())
                * LocalFrame.EARTH_RADIUS_M * Math.cos(Math.toRadians(DemoMission.FRAME.originLat()));
        assertEquals(36.0, northM, 1e-6);
        assertEquals(48.0, eastM, 1e-6);
    }

    @Test
    void runsTheDemoAgentsWithTheHazardModel() {
        Map<String, Object> mission = DemoMission.json(120, 60, "survey-sha", "scout-sha", "model-sha");
        List<?> agents = (List<?>) mission.get("agents");
        assertEquals("survey-sha", ((Map<?, ?>) agents.get(0)).get("module"));
        assertEquals("scout-sha", ((Map<?, ?>) agents.get(1)).get("module"));
        assertEquals(List.of(Map.of("name", "hazard", "sha256", "model-sha")), mission.get("models"));
    }

    @Test
    void rejectsAnEmptyField() {
        assertThrows(IllegalArgumentException.class, () -> DemoMission.json(0, 10, "a", "b", "c"));
        assertThrows(IllegalArgumentException.class, () -> DemoMission.json(10, Double.NaN, "a", "b", "c"));
    }
}
