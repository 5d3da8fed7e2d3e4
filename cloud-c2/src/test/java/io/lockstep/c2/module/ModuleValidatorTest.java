package io.lockstep.c2.module;

import static io.lockstep.c2.support.WasmModuleBuilder.F64;
import static io.lockstep.c2.support.WasmModuleBuilder.I32;
import static io.lockstep.c2.support.WasmModuleBuilder.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.agents.ExampleAgents;
import io.lockstep.c2.support.WasmModuleBuilder;
import io.lockstep.runtime.ModuleRejectedException;
import io.lockstep.runtime.ModuleSummary;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModuleValidatorTest {

    @Test
    void acceptsAModuleWithTheAbiExports() throws Exception {
        ModuleSummary summary = ModuleValidator.validate(WasmModuleBuilder.agent().memoryPages(3).build());

        assertThat(summary.hostImports()).isEmpty();
        assertThat(summary.exports()).containsExactly("memory", "lockstep_abi_version", "lockstep_alloc",
                "lockstep_init", "lockstep_tick");
        assertThat(summary.handlesMessages()).isFalse();
        assertThat(summary.minMemoryPages()).isEqualTo(3);
    }

    @Test
    void reportsHostImportsAndTheMessageHandler() throws Exception {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "log", new byte[] {I32, I32, I32}, new byte[] {I32})
                .importing("lockstep", "act_velocity", new byte[] {F64, F64}, new byte[] {I32})
                .withOnMessage()
                .build();

        ModuleSummary summary = ModuleValidator.validate(module);

        assertThat(summary.hostImports()).containsExactly("log", "act_velocity");
        assertThat(summary.handlesMessages()).isTrue();
    }

    @Test
    void acceptsTheEdgesExampleAgentsAndRefusesItsHostileOnes() throws Exception {
        for (String agent : List.of("hello", "survey", "hazard-scout", "pathplan")) {
            assertThat(ModuleValidator.validate(ExampleAgents.bytes(agent)).exports()).contains("lockstep_tick");
        }
        assertThatThrownBy(() -> ModuleValidator.validate(ExampleAgents.bytes("hostile-unknown-import")))
                .isInstanceOf(InvalidModuleException.class).hasMessageContaining("lockstep.teleport is unknown");
    }

    @Test
    void refusesEmptyBytes() {
        assertThatThrownBy(() -> ModuleValidator.validate(new byte[0])).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesBytesThatAreNotWasm() {
        assertThatThrownBy(() -> ModuleValidator.validate("not a module".getBytes()))
                .isInstanceOf(InvalidModuleException.class)
                .hasMessage("malformed module: not a WebAssembly module (bad magic)")
                .hasCauseInstanceOf(ModuleRejectedException.class);
    }

    @Test
    void refusesATruncatedModule() {
        byte[] module = WasmModuleBuilder.agent().build();
        byte[] truncated = Arrays.copyOf(module, module.length - 5);

        assertThatThrownBy(() -> ModuleValidator.validate(truncated)).isInstanceOf(InvalidModuleException.class)
                .hasMessageStartingWith("malformed module: ");
    }

    @Test
    void refusesAnIllTypedFunctionBody() {
        byte[] module = WasmModuleBuilder.agent().build();
        // The first body, "i32.const 1; end" of lockstep_abi_version, becomes "i64.const 1; end".
        int body = indexOf(module, new byte[] {0x00, 0x41, 0x01, 0x0B});
        module[body + 1] = 0x42;

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageStartingWith("invalid module: ");
    }

    @Test
    void neverFailsWithAnythingButInvalidModuleOnRandomBytes() {
        Random random = new Random(42);
        byte[] valid = WasmModuleBuilder.agent().withOnMessage().build();
        int refused = 0;
        for (int round = 0; round < 300; round++) {
            byte[] mutated = valid.clone();
            for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                mutated[8 + random.nextInt(mutated.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                ModuleValidator.validate(mutated);
            } catch (InvalidModuleException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void refusesAMissingRequiredExport() {
        byte[] module = WasmModuleBuilder.agent().without("lockstep_tick").build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessage("missing required export lockstep_tick (i64) -> (i32)");
    }

    @Test
    void refusesAModuleThatDoesNotExportItsMemory() {
        byte[] module = WasmModuleBuilder.agent().withoutMemoryExport().build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("missing required export memory");
    }

    @Test
    void refusesAMemoryLargerThanWasmAllows() {
        byte[] module = WasmModuleBuilder.agent().memoryPages(70_000).build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessage("memory declares 70000 initial pages, the limit is 65536");
    }

    @Test
    void acceptsAMemoryOnlySomeMissionsAllow() throws Exception {
        byte[] module = WasmModuleBuilder.agent().memoryPages(4_096).build();

        assertThat(ModuleValidator.validate(module).minMemoryPages()).isEqualTo(4_096);
    }

    @Test
    void refusesAnExportWithTheWrongSignature() {
        byte[] module = WasmModuleBuilder.agent().function("lockstep_tick", new byte[] {I32}, new byte[] {I32}).build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessage("export lockstep_tick has signature (i32) -> (i32), the ABI requires (i64) -> (i32)");
    }

    @Test
    void refusesAMessageHandlerWithTheWrongSignature() {
        byte[] module = WasmModuleBuilder.agent().function("lockstep_on_message", new byte[] {I64}, new byte[] {I32}).build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("export lockstep_on_message has signature (i64) -> (i32)");
    }

    @Test
    void refusesImportsFromOtherModules() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("wasi_snapshot_preview1", "fd_write", new byte[] {I32, I32, I32, I32}, new byte[] {I32})
                .build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("wasi_snapshot_preview1.fd_write is unknown")
                .hasMessageContaining("only import host functions of module 'lockstep'");
    }

    @Test
    void refusesUnknownHostFunctions() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "launch_missiles", new byte[] {}, new byte[] {I32})
                .build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("lockstep.launch_missiles").hasMessageContaining("no such host function");
    }

    @Test
    void refusesAHostImportWithTheWrongSignature() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "rand_u64", new byte[] {}, new byte[] {I32})
                .build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessage("import lockstep.rand_u64 has signature () -> (i32), the ABI requires () -> (i64)");
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
