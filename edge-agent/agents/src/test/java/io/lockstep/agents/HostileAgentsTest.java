package io.lockstep.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.lockstep.agents.testing.AgentHarness;
import io.lockstep.agents.testing.FakeHost;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each hostile module really misbehaves the way its name says, so that the runtime's tests built on
 * them test what they claim. Modules refused at load are covered by AgentModuleShapeTest.
 */
class HostileAgentsTest {

    private static final long BUDGET = 2_000_000;
    private final FakeHost host = new FakeHost(1);

    @Test
    void infiniteStartNeverFinishesInstantiation() {
        assertThrows(AgentHarness.BudgetExceeded.class,
                () -> AgentHarness.load("hostile-infinite-start", host, BUDGET, null));
    }

    @Test
    void infiniteInitNeverReturns() {
        AgentHarness agent = AgentHarness.load("hostile-infinite-init", host, BUDGET, null);
        assertEquals(1, agent.abiVersion());
        assertThrows(AgentHarness.BudgetExceeded.class, () -> agent.init(AgentHarness.params("x", "n")));
    }

    @Test
    void fuelBombInitialisesThenItsFirstTickNeverReturns() {
        AgentHarness agent = AgentHarness.load("hostile-fuel-bomb", host, BUDGET, null);
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        assertThrows(AgentHarness.BudgetExceeded.class, () -> agent.tick(0));
        assertTrue(agent.instance().memory().readLong(0) > 100_000, "it was spinning and writing its counter");
    }

    @Test
    void deepRecursionNeverBottomsOut() {
        AgentHarness agent = AgentHarness.load("hostile-deep-recursion", host);
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        // Chicory's interpreter enforces its own call-stack limit, far above the ABI's 1,000 frames.
        ChicoryException e = assertThrows(ChicoryException.class, () -> agent.tick(0));
        assertTrue(e.getMessage().toLowerCase().contains("call stack"), e.getMessage());
    }

    @Test
    void memoryBombGrowsToTheCapAndKeepsTicking() {
        AgentHarness agent = AgentHarness.load("hostile-memory-bomb", host, 0, new MemoryLimits(1, 8));
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        assertEquals(0, agent.tick(3));
        assertEquals(8, agent.instance().memory().pages());
        assertEquals(3, agent.instance().memory().read(7 * 65536 + 65535), "it wrote its tick into the last page");
        assertEquals(0, agent.tick(5));
        assertEquals(8, agent.instance().memory().pages());
    }

    @Test
    void trapDividesByZeroOnItsThirdTick() {
        AgentHarness agent = AgentHarness.load("hostile-trap", host);
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        assertEquals(0, agent.tick(0));
        assertEquals(0, agent.tick(1));
        WasmRuntimeException e = assertThrows(WasmRuntimeException.class, () -> agent.tick(2));
        assertTrue(e.getMessage().contains("divide by zero"), e.getMessage());
    }

    @Test
    void oobLoadsPastTheEndOfMemory() {
        AgentHarness agent = AgentHarness.load("hostile-oob", host);
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        ChicoryException e = assertThrows(ChicoryException.class, () -> agent.tick(0));
        assertTrue(e.getMessage().contains("out of bounds"), e.getMessage());
    }

    @Test
    void nanStormPushesNaNsIntoMemoryKvAndActuators() {
        AgentHarness agent = AgentHarness.load("hostile-nan-storm", host);
        assertEquals(0, agent.init(AgentHarness.params("x", "n")));
        Set<Long> payloads = new HashSet<>();
        for (int t = 0; t < 16; t++) {
            int before = host.velocities.size();
            assertEquals(t == 15 ? 1 : 0, agent.tick(t));
            assertEquals(4, host.velocities.size() - before, "four refused velocity requests per tick");
            for (FakeHost.Velocity v : host.velocities.subList(before, host.velocities.size())) {
                assertEquals(FakeHost.EINVAL, v.result());
                assertTrue(!Double.isFinite(v.vx()) || !Double.isFinite(v.vy()));
            }
            ByteBuffer record = ByteBuffer.wrap(host.kv.get("nans")).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(256, record.capacity());
            for (int i = 0; i < 16; i++) {
                assertTrue(Float.isNaN(record.getFloat(4 * i)), "f32 slot " + i);
            }
            for (int i = 0; i < 16; i++) {
                long bits = record.getLong(64 + 8 * i);
                assertTrue(Double.isNaN(Double.longBitsToDouble(bits)), "f64 slot " + i);
                payloads.add(bits);
            }
            assertEquals(0, record.getInt(192), "trunc_sat of NaN is 0");
            assertEquals(0, record.getInt(196), "trunc_sat of NaN is 0");
            for (int i = 0; i < 4; i++) {
                assertEquals(FakeHost.EINVAL, record.getInt(200 + 4 * i), "act_velocity result " + i);
            }
        }
        assertTrue(payloads.size() > 50, "NaN bit patterns seen: " + payloads.size());
    }
}
