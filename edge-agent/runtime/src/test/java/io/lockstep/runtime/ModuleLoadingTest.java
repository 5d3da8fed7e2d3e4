package io.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Modules are refused at load with a message naming the offending import, export or limit. */
class ModuleLoadingTest {

    private static ModuleRejectedException refuse(AgentDefinition agent) {
        return refuse(agent, RuntimeLimits.defaults());
    }

    private static ModuleRejectedException refuse(AgentDefinition agent, RuntimeLimits limits) {
        return assertThrows(ModuleRejectedException.class,
                () -> TestAgents.mission(ExecutionMode.INTERPRETER, agent).limits(limits).build().close());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "reject-unknown-import|import env.clock is unknown",
            "reject-unknown-host-function|import lockstep.wall_clock is unknown",
            "reject-import-signature|import lockstep.log has signature (i32, i32) -> (i32)",
            "reject-missing-tick|missing required export lockstep_tick",
            "reject-tick-signature|export lockstep_tick has signature (i32) -> (i32)",
            "reject-no-memory|missing required export memory",
            "reject-huge-memory|memory declares 60000 initial pages, the limit is 256",
            "reject-reserved-export|export lockstep$fuel uses the reserved prefix",
            "reject-data-drop|uses data.drop",
            "reject-wrong-abi|lockstep_abi_version returned 2"})
    void refusedModulesNameTheProblem(String module, String expected) {
        ModuleRejectedException e = refuse(TestAgents.plain("bad", module));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("agent 'bad' refused: "), e.getMessage());
        assertEquals("bad", e.agent());
    }

    @Test
    void ungrantedImportIsRefusedByName() {
        ModuleRejectedException e = refuse(new AgentDefinition("echo", TestAgents.wasm("echo"), List.of(),
                new CapabilityGrant(List.of("emit", "act_velocity"), List.of("echo/**"), List.of(), List.of())));
        assertTrue(e.getMessage().contains("import lockstep.sensor_read is not granted"), e.getMessage());
    }

    @Test
    void subscriptionsRequireTheMessageExport() {
        ModuleRejectedException e = refuse(new AgentDefinition("m", TestAgents.wasm("minimal"), List.of(),
                new CapabilityGrant(List.of(), List.of(), List.of(), List.of("a/b"))));
        assertTrue(e.getMessage().contains("missing required export lockstep_on_message"), e.getMessage());
    }

    @Test
    void moduleOverTheSizeLimitIsRefused() {
        ModuleRejectedException e = refuse(TestAgents.plain("m", "minimal"),
                RuntimeLimits.defaults().withMaxModuleBytes(100));
        assertTrue(e.getMessage().contains("over the size limit of 100"), e.getMessage());
        byte[] huge = new byte[RuntimeLimits.DEFAULT_MAX_MODULE_BYTES + 1];
        System.arraycopy(TestAgents.wasm("minimal"), 0, huge, 0, 8);
        e = refuse(new AgentDefinition("big", huge, List.of(), CapabilityGrant.none()));
        assertTrue(e.getMessage().contains("over the size limit of 16777216"), e.getMessage());
    }

    @Test
    void malformedBytesAreRefused() {
        for (byte[] bytes : List.of(new byte[0], "not wasm at all".getBytes(), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0},
                java.util.Arrays.copyOf(TestAgents.wasm("echo"), 100))) {
            ModuleRejectedException e = refuse(new AgentDefinition("x", bytes, List.of(), CapabilityGrant.none()));
            assertTrue(e.getMessage().contains("malformed module"), e.getMessage());
        }
    }

    /**
     * The metering pass appends helper functions after the module's own; code that names a function index
     * past its own would reach them (and could refill its fuel), so it is refused.
     */
    @Test
    void callsToFunctionsTheModuleDoesNotDefineAreRefused() {
        byte[] multi = TestAgents.wasm("multi");
        int call = indexOf(multi, new byte[] {0x10, 0x00, 0x21, 0x02});
        multi[call + 1] = 5;
        ModuleRejectedException e = refuse(new AgentDefinition("m", multi, List.of(), CapabilityGrant.none()));
        assertTrue(e.getMessage().contains("uses unknown function 5"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void failedBuildRemovesTheJournalItCreated(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path journal = dir.resolve("j.bin");
        assertThrows(ModuleRejectedException.class, () -> TestAgents.mission(ExecutionMode.INTERPRETER,
                TestAgents.plain("bad", "reject-wrong-abi")).journal(journal).build());
        assertTrue(java.nio.file.Files.notExists(journal));
    }
}
