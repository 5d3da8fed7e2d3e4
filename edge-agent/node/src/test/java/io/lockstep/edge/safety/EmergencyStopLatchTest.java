package io.lockstep.edge.safety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.safety.EstopSource;
import io.lockstep.platform.safety.SafetyConfig;
import io.lockstep.platform.safety.SafetySupervisor;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.WorldFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyStopLatchTest {

    @TempDir
    Path dir;

    private static SafetySupervisor freshSupervisor() {
        return new SafetySupervisor(new SimulatedVehicle(WorldFile.demo(), SimulatedVehicleConfig.defaults(1),
                new Vec2(0, 0), 1.0), SafetyConfig.defaults(), new Vec2(-10, -10));
    }

    @Test
    void aLatchedEstopSurvivesARestartUntilACommanderClearsIt() {
        Path file = dir.resolve("safety/estop-latched");
        SafetySupervisor first = freshSupervisor();
        new EmergencyStopLatch(first, file).install();
        first.engageEmergencyStop(EstopSource.MESH, "peer saw smoke");
        assertTrue(Files.isRegularFile(file));

        SafetySupervisor afterRestart = freshSupervisor();
        EmergencyStopLatch latch = new EmergencyStopLatch(afterRestart, file);
        latch.install();
        assertTrue(afterRestart.isEmergencyStopLatched(), "a restart does not release the vehicle");
        assertTrue(afterRestart.recentInterventions().get(0).detail().contains("peer saw smoke"));

        assertFalse(latch.clear(EstopSource.MESH));
        assertTrue(Files.isRegularFile(file));
        assertTrue(latch.clear(EstopSource.LOCAL_DEBUG_PORT));
        assertFalse(Files.exists(file));

        SafetySupervisor afterSecondRestart = freshSupervisor();
        new EmergencyStopLatch(afterSecondRestart, file).install();
        assertFalse(afterSecondRestart.isEmergencyStopLatched());
    }
}
