package io.lockstep.swarm.hazard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionReportTest {

    @Test
    void aScoutReportGivesTheVehiclesPosition() {
        assertEquals(Optional.of(new DetectionReport(12.5, -3.25)),
                DetectionReport.parse("swarm/hazard/node-1", "x=12.5 y=-3.25 score=0.91 tick=40".getBytes(UTF_8)));
    }

    @Test
    void otherTopicsAndMalformedTextAreNoReport() {
        assertTrue(DetectionReport.parse("swarm/progress/node-1", "x=1 y=2 score=1".getBytes(UTF_8)).isEmpty());
        assertTrue(DetectionReport.parse("swarm/hazard/node-1", "score=1".getBytes(UTF_8)).isEmpty());
        assertTrue(DetectionReport.parse("swarm/hazard/node-1", "x=1.2.3 y=2".getBytes(UTF_8)).isEmpty());
        assertTrue(DetectionReport.parse("swarm/hazard/node-1", new byte[] {(byte) 0xff, 0, 1}).isEmpty());
    }
}
