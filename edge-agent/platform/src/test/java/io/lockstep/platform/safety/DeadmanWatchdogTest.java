package io.lockstep.platform.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.platform.geometry.Vec2;
import io.lockstep.platform.sim.SimulatedVehicle;
import io.lockstep.platform.sim.SimulatedVehicleConfig;
import io.lockstep.platform.sim.TestWorlds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadmanWatchdogTest {

    private static final long PERIOD_NANOS = 20_000_000L;

    private final AtomicLong clock = new AtomicLong();
    private SimulatedVehicle vehicle;
    private SafetySupervisor supervisor;

    @BeforeEach
    void setUp() {
        vehicle = new SimulatedVehicle(TestWorlds.empty(), SimulatedVehicleConfig.defaults(1));
        supervisor = new SafetySupervisor(vehicle, SafetyConfig.defaults(), Vec2.ZERO);
    }

    @Test
    void doesNotFireBeforeTheFirstKick() {
        DeadmanWatchdog watchdog = new DeadmanWatchdog(supervisor, Duration.ofMillis(20), 3, clock::get);
        clock.set(100 * PERIOD_NANOS);
        assertFalse(watchdog.check());
    }

    @Test
    void firesOnceWhenTheLoopMissesMoreThanTheAllowedPeriods() {
        DeadmanWatchdog watchdog = new DeadmanWatchdog(supervisor, Duration.ofMillis(20), 3, clock::get);
        vehicle.commandVelocity(new Vec2(2, 0));
        watchdog.kick(9);
        clock.addAndGet(3 * PERIOD_NANOS);
        assertFalse(watchdog.check(), "exactly at the limit is still alive");
        clock.addAndGet(1);
        assertTrue(watchdog.check());
        assertFalse(watchdog.check(), "one event per stall");
        assertEquals(Vec2.ZERO, vehicle.state().commandedVelocity());
        assertEquals(1L, supervisor.counts().get(InterventionKind.DEADMAN_STOP));
        assertTrue(supervisor.recentInterventions().get(0).detail().contains("after tick 9"));

        watchdog.kick(10);
        assertFalse(watchdog.check(), "re-armed by the next kick");
        clock.addAndGet(4 * PERIOD_NANOS);
        assertTrue(watchdog.check(), "a second stall is a second event");
        assertEquals(2L, supervisor.counts().get(InterventionKind.DEADMAN_STOP));
    }

    @Test
    void disarmedWatchdogStaysQuiet() {
        DeadmanWatchdog watchdog = new DeadmanWatchdog(supervisor, Duration.ofMillis(20), 3, clock::get);
        watchdog.kick(1);
        watchdog.disarm();
        clock.addAndGet(100 * PERIOD_NANOS);
        assertFalse(watchdog.check());
    }

    @Test
    void firesFromItsOwnThreadWhenKicksStop() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<String> firingThread = new AtomicReference<>();
        supervisor.addListener(event -> {
            if (event.kind() == InterventionKind.DEADMAN_STOP) {
                firingThread.set(Thread.currentThread().getName());
                fired.countDown();
            }
        });
        try (DeadmanWatchdog watchdog = new DeadmanWatchdog(supervisor, Duration.ofMillis(5), 2).start()) {
            watchdog.kick(1);
            assertTrue(fired.await(30, TimeUnit.SECONDS), "the watchdog thread stops a stalled loop");
        }
        assertEquals("lockstep-deadman", firingThread.get());
    }
}
