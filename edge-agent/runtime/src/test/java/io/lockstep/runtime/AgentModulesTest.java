package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.ModuleRejectedException.Fault;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation without instantiation: the loader's checks, their faults, and agreement with the loader. */
class AgentModulesTest {

    private static ModuleRejectedException refuseForAnyMission(byte[] wasm) {
        return assertThrows(ModuleRejectedException.class, () -> AgentModules.validateForAnyMission(wasm));
    }

    private static ModuleRejectedException refuse(byte[] wasm, CapabilityGrant grant, RuntimeLimits limits) {
        return assertThrows(ModuleRejectedException.class, () -> AgentModules.validate("scout", wasm, grant, limits));
    }

    @Test
    void aValidModuleIsSummarized() {
        ModuleSummary summary = AgentModules.validate("echo", TestAgents.wasm("echo"), TestAgents.echoGrant(),
                RuntimeLimits.defaults());

        assertEquals(List.of("log", "rand_u64", "progress", "kv_put", "kv_get", "sensor_read", "act_velocity", "emit"),
                summary.hostImports());
        assertEquals(List.of("memory", "lockstep_abi_version", "lockstep_alloc", "lockstep_init",
                "lockstep_on_message", "lockstep_tick"), summary.exports());
        assertTrue(summary.handlesMessages());
        assertEquals(1, summary.minMemoryPages());
    }

    @Test
    void everyWellFormedExampleAgentIsAcceptedForAnyMission() {
        List<String> refusedByLoader = List.of("hostile-missing-export", "hostile-unknown-import");
        for (String name : ExampleAgents.names()) {
            if (refusedByLoader.contains(name)) {
                refuseForAnyMission(ExampleAgents.bytes(name));
            } else {
                ModuleSummary summary = AgentModules.validateForAnyMission(ExampleAgents.bytes(name));
                assertTrue(summary.exports().contains("lockstep_tick"), name);
            }
        }
    }

    @Test
    void malformedBytesAreRefusedAsModuleFaults() {
        byte[] echo = TestAgents.wasm("echo");
        for (byte[] bytes : List.of(new byte[0], "not wasm at all".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, Arrays.copyOf(echo, echo.length - 3))) {
            ModuleRejectedException e = refuseForAnyMission(bytes);
            assertEquals(Fault.MODULE, e.fault());
            assertTrue(e.reason().startsWith("malformed module: "), e.reason());
            assertEquals("agent '" + AgentModules.UNASSIGNED + "' refused: " + e.reason(), e.getMessage());
        }
        assertEquals("malformed module: the module is empty", refuseForAnyMission(new byte[0]).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "reject-unknown-import|import env.clock is unknown",
            "reject-unknown-host-function|import lockstep.wall_clock is unknown",
            "reject-import-signature|import lockstep.log has signature (i32, i32) -> (i32)",
            "reject-missing-tick|missing required export lockstep_tick",
            "reject-tick-signature|export lockstep_tick has signature (i32) -> (i32)",
            "reject-no-memory|missing required export memory",
            "reject-reserved-export|export lockstep$fuel uses the reserved prefix",
            "reject-data-drop|uses data.drop"})
    void abiAndMeteringViolationsAreRefusedWhateverTheGrant(String module, String expected) {
        ModuleRejectedException e = refuseForAnyMission(TestAgents.wasm(module));
        assertEquals(Fault.MODULE, e.fault());
        assertTrue(e.reason().contains(expected), e.reason());
    }

    @Test
    void chicoryValidatesTheInstrumentedModule() {
        byte[] minimal = TestAgents.wasm("minimal");
        // lockstep_abi_version's body "i32.const 1; end" becomes "i64.const 1; end": well-formed, ill-typed.
        int body = indexOf(minimal, new byte[] {0x04, 0x00, 0x41, 0x01, 0x0B});
        minimal[body + 2] = 0x42;

        ModuleRejectedException e = refuseForAnyMission(minimal);
        assertEquals(Fault.MODULE, e.fault());
        assertTrue(e.reason().startsWith("invalid module: "), e.reason());
    }

    @Test
    void anUngrantedImportIsRefusedOnlyAgainstTheRealGrant() {
        byte[] echo = TestAgents.wasm("echo");
        AgentModules.validateForAnyMission(echo);

        ModuleRejectedException e = refuse(echo, CapabilityGrant.none(), RuntimeLimits.defaults());
        assertEquals(Fault.UNGRANTED_IMPORT, e.fault());
        assertTrue(e.reason().contains("imports lockstep.sensor_read, lockstep.act_velocity, lockstep.emit are not"
                + " granted (the mission's host_functions do not list 'sensor_read', 'act_velocity', 'emit')"),
                e.reason());
        assertEquals("scout", e.agent());
    }

    @Test
    void aBrokenModuleIsAModuleFaultEvenWhenItsImportsAreAlsoUngranted() {
        byte[] echo = TestAgents.wasm("echo");
        int name = indexOf(echo, "lockstep_tick".getBytes(StandardCharsets.US_ASCII));
        echo[name + "lockstep_t".length()] = 'o';

        ModuleRejectedException e = refuse(echo, CapabilityGrant.none(), RuntimeLimits.defaults());
        assertEquals(Fault.MODULE, e.fault());
        assertTrue(e.reason().contains("missing required export lockstep_tick"), e.reason());
    }

    @Test
    void subscriptionsNeedTheMessageHandler() {
        byte[] minimal = TestAgents.wasm("minimal");
        assertFalse(AgentModules.validateForAnyMission(minimal).handlesMessages());

        ModuleRejectedException e = refuse(minimal, new CapabilityGrant(List.of(), List.of(), List.of(),
                List.of("swarm/**")), RuntimeLimits.defaults());
        assertEquals(Fault.NO_MESSAGE_HANDLER, e.fault());
        assertTrue(e.reason().contains("missing required export lockstep_on_message"), e.reason());
    }

    @Test
    void memoryOverTheMissionLimitIsALimitsFault() {
        byte[] huge = TestAgents.wasm("reject-huge-memory");
        assertEquals(60_000, AgentModules.validateForAnyMission(huge).minMemoryPages());

        ModuleRejectedException e = refuse(huge, CapabilityGrant.none(), RuntimeLimits.defaults());
        assertEquals(Fault.LIMITS, e.fault());
        assertEquals("memory declares 60000 initial pages, the limit is 256", e.reason());
    }

    @Test
    void aModuleOverTheSizeLimitIsALimitsFault() {
        ModuleRejectedException e = refuse(TestAgents.wasm("minimal"), CapabilityGrant.none(),
                RuntimeLimits.defaults().withMaxModuleBytes(100));
        assertEquals(Fault.LIMITS, e.fault());
        assertTrue(e.reason().contains("over the size limit of 100"), e.reason());
    }

    @Test
    void theAbiVersionValueIsOnlyCheckedAtInstantiation() {
        byte[] wrongAbi = TestAgents.wasm("reject-wrong-abi");
        AgentModules.validate("bad", wrongAbi, CapabilityGrant.none(), RuntimeLimits.defaults());

        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> TestAgents
                .mission(ExecutionMode.INTERPRETER, TestAgents.plain("bad", "reject-wrong-abi")).build().close());
        assertTrue(e.reason().contains("lockstep_abi_version returned 2"), e.reason());
    }

    /** The loader runs the same checks: whatever validation refuses, building a mission refuses identically. */
    @Test
    void validationRefusesExactlyWhatTheLoaderRefuses() {
        CapabilityGrant grant = new CapabilityGrant(List.of("sensor_read", "emit"), List.of("**"), List.of(),
                List.of());
        RuntimeLimits limits = RuntimeLimits.defaults().withMaxMemoryPages(32);
        List<byte[]> seeds = List.of(TestAgents.wasm("echo"), TestAgents.wasm("minimal"), TestAgents.wasm("multi"),
                ExampleAgents.bytes("hello"), ExampleAgents.bytes("survey"));
        SplittableRandom random = new SplittableRandom(0x5eed);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] mutant = seeds.get(random.nextInt(seeds.size())).clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutant[8 + random.nextInt(mutant.length - 8)] = (byte) random.nextInt(256);
            }
            ModuleRejectedException byValidation;
            try {
                AgentModules.validate("fuzz", mutant, grant, limits);
                continue;
            } catch (ModuleRejectedException e) {
                byValidation = e;
            }
            refused++;
            AgentDefinition agent = new AgentDefinition("fuzz", mutant, List.of(), grant);
            ModuleRejectedException byLoader = assertThrows(ModuleRejectedException.class, () -> TestAgents
                    .mission(ExecutionMode.INTERPRETER, agent).limits(limits).build().close());
            assertEquals(byValidation.getMessage(), byLoader.getMessage(), "case " + i);
            assertEquals(byValidation.fault(), byLoader.fault(), "case " + i);
        }
        assertTrue(refused > 0, "no mutant was refused");
    }

    @Test
    void randomBytesAreRefusedWithoutAnyOtherException() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt(256);
            }
            if (bytes.length >= 8 && random.nextBoolean()) {
                System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, bytes, 0, 8);
            }
            ModuleRejectedException e = refuseForAnyMission(bytes);
            assertFalse(e.reason().isBlank());
        }
    }

    @Test
    void hostFunctionsAreTheAbisInDocumentOrder() {
        assertEquals(List.of("log", "rand_u64", "progress", "area_vertices", "kv_get", "kv_put", "sensor_read",
                "act_velocity", "emit", "infer"), AgentModules.hostFunctions());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
