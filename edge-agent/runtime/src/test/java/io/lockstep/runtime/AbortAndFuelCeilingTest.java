package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every tick has a hard stop: fuel cannot be configured away, and an abort ends an agent that is running. */
class AbortAndFuelCeilingTest {

    @TempDir
    Path dir;

    @Test
    void fuelCannotBeSwitchedOff() {
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeLimits.defaults().withFuelPerTick((1L << 61) - 1));
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeLimits.defaults().withFuelPerTick(RuntimeLimits.MAX_FUEL_PER_TICK + 1));
        assertEquals(RuntimeLimits.MAX_FUEL_PER_TICK,
                RuntimeLimits.defaults().withFuelPerTick(RuntimeLimits.MAX_FUEL_PER_TICK).fuelPerTick());
    }

    @Test
    void theCeilingFollowsTheTickPeriod() {
        assertEquals(50_000_000L, FuelCeiling.forTickPeriod(20));
        assertTrue(FuelCeiling.problem(RuntimeLimits.DEFAULT_FUEL_PER_TICK, 20).isEmpty());
        assertTrue(FuelCeiling.problem(50_000_001L, 20).orElseThrow().contains("20 ms"));
        assertTrue(FuelCeiling.problem(RuntimeLimits.MAX_FUEL_PER_TICK, FuelCeiling.MAX_TICK_PERIOD_MS).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FuelCeiling.forTickPeriod(FuelCeiling.MAX_TICK_PERIOD_MS + 1));
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void abortEndsARunningAgentLeavesNoThreadAndKeepsTheJournalValid(ExecutionMode mode) throws Exception {
        Path journal = dir.resolve("abort-" + mode + ".journal");
        String missionId = "abort-" + mode;
        MissionRuntime rt = TestAgents.mission(mode, TestAgents.plain("ok", "minimal"), TestAgents.plain("spin", "spin"))
                .missionId(missionId).limits(RuntimeLimits.defaults().withFuelPerTick(RuntimeLimits.MAX_FUEL_PER_TICK))
                .journal(journal).build();
        String threadName = "lockstep-agents-" + missionId;
        try {
            rt.tick(TickInputs.empty());
            rt.tick(TickInputs.empty());
            // Tick 3: "spin" loops until its fuel runs out, which at the ceiling takes far longer than this test.
            CompletableFuture<TickResult> third = CompletableFuture.supplyAsync(() -> rt.tick(TickInputs.empty()));
            awaitAgentCodeRunning(threadName);
            rt.abort();
            ExecutionException e = assertThrows(ExecutionException.class, () -> third.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof MissionAbortedException, e.getCause().toString());
            assertThrows(MissionAbortedException.class, () -> rt.tick(TickInputs.empty()));
        } finally {
            rt.close();
        }
        assertTrue(liveThread(threadName) == null, "the agent thread ended");
        ReplayReport report = JournalReplayer.replay(journal, ReplayOptions.defaults());
        assertTrue(report.ok(), report.detail());
        assertEquals(2, report.lastVerifiedTick());
        assertEquals(3, report.unfinishedTick());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void anAbortSignalEndsAnInitThatSpins(ExecutionMode mode) throws Exception {
        Path journal = dir.resolve("init-" + mode + ".journal");
        String missionId = "abort-init-" + mode;
        AbortSignal signal = new AbortSignal();
        MissionRuntime.Builder builder = TestAgents.mission(mode, TestAgents.plain("init", "spin-init"))
                .missionId(missionId).limits(RuntimeLimits.defaults().withFuelPerTick(RuntimeLimits.MAX_FUEL_PER_TICK))
                .journal(journal).abortSignal(signal);
        CompletableFuture<MissionRuntime> built = CompletableFuture.supplyAsync(builder::build);
        String threadName = "lockstep-agents-" + missionId;
        awaitAgentCodeRunning(threadName);
        signal.abort();
        ExecutionException e = assertThrows(ExecutionException.class, () -> built.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof MissionAbortedException, e.getCause().toString());
        assertTrue(liveThread(threadName) == null, "the agent thread ended");
        assertTrue(!java.nio.file.Files.exists(journal), "the journal of a mission that never started is removed");
    }

    /**
     * Waits until the agent thread or one of its tick workers ({@code name-1}, ...) is inside Chicory, i.e.
     * agent code runs (polled with a deadline); which of them runs the spinning agent depends on scheduling.
     */
    private static void awaitAgentCodeRunning(String threadName) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean running = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> isAgentThread(t, threadName) && t.isAlive())
                    .anyMatch(t -> Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().contains("chicory")
                            || f.getClassName().contains("CompiledMachine") || f.getClassName().startsWith("com.dylibso")));
            if (running) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("agent code never started on " + threadName);
    }

    /** A live agent thread of the mission, or one of its tick workers. */
    private static Thread liveThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> isAgentThread(t, name) && t.isAlive())
                .findFirst().orElse(null);
    }

    private static boolean isAgentThread(Thread t, String name) {
        return t.getName().equals(name) || t.getName().matches(java.util.regex.Pattern.quote(name) + "-\\d+");
    }
}
