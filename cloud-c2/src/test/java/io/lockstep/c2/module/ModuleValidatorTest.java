package io.lockstep.c2.module;

import static io.lockstep.c2.support.WasmModuleBuilder.F64;
import static io.lockstep.c2.support.WasmModuleBuilder.I32;
import static io.lockstep.c2.support.WasmModuleBuilder.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockstep.c2.support.WasmModuleBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModuleValidatorTest {

    @Test
    void acceptsAModuleWithTheAbiExports() throws Exception {
        ModuleInfo info = ModuleValidator.validate(WasmModuleBuilder.agent().memoryPages(3).build());

        assertThat(info.hostImports()).isEmpty();
        assertThat(info.handlesMessages()).isFalse();
        assertThat(info.minMemoryPages()).isEqualTo(3);
    }

    @Test
    void reportsHostImportsAndTheMessageHandler() throws Exception {
        byte[] module = WasmModuleBuilder.agent()
                .importing("lockstep", "log", new byte[] {I32, I32, I32}, new byte[] {I32})
                .importing("lockstep", "act_velocity", new byte[] {F64, F64}, new byte[] {I32})
                .withOnMessage()
                .build();

        ModuleInfo info = ModuleValidator.validate(module);

        assertThat(info.hostImports()).containsExactly("log", "act_velocity");
        assertThat(info.handlesMessages()).isTrue();
    }

    @Test
    void refusesEmptyBytes() {
        assertThatThrownBy(() -> ModuleValidator.validate(new byte[0])).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesBytesThatAreNotWasm() {
        assertThatThrownBy(() -> ModuleValidator.validate("not a module".getBytes()))
                .isInstanceOf(InvalidModuleException.class).hasMessageContaining("not a valid WebAssembly module");
    }

    @Test
    void refusesATruncatedModule() {
        byte[] module = WasmModuleBuilder.agent().build();
        byte[] truncated = Arrays.copyOf(module, module.length - 5);

        assertThatThrownBy(() -> ModuleValidator.validate(truncated)).isInstanceOf(InvalidModuleException.class);
    }

    @Test
    void neverFailsWithAnythingButInvalidModuleOnRandomBytes() {
        Random random = new Random(42);
        byte[] valid = WasmModuleBuilder.agent().withOnMessage().build();
        for (int round = 0; round < 300; round++) {
            byte[] mutated = valid.clone();
            for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                mutated[8 + random.nextInt(mutated.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                ModuleValidator.validate(mutated);
            } catch (InvalidModuleException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void refusesAMissingRequiredExport() {
        byte[] module = WasmModuleBuilder.agent().without("lockstep_tick").build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("missing required export 'lockstep_tick'");
    }

    @Test
    void refusesAModuleThatDoesNotExportItsMemory() {
        byte[] module = WasmModuleBuilder.agent().withoutMemoryExport().build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("'memory'");
    }

    @Test
    void refusesAnExportWithTheWrongSignature() {
        byte[] module = WasmModuleBuilder.agent().function("lockstep_tick", new byte[] {I32}, new byte[] {I32}).build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("export 'lockstep_tick' has signature");
    }

    @Test
    void refusesAMessageHandlerWithTheWrongSignature() {
        byte[] module = WasmModuleBuilder.agent().function("lockstep_on_message", new byte[] {I64}, new byte[] {I32}).build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("lockstep_on_message");
    }

    @Test
    void refusesImportsFromOtherModules() {
        byte[] module = WasmModuleBuilder.agent()
                .importing("wasi_snapshot_preview1", "fd_write", new byte[] {I32, I32, I32, I32}, new byte[] {I32})
                .build();

        assertThatThrownBy(() -> ModuleValidator.validate(module)).isInstanceOf(InvalidModuleException.class)
                .hasMessageContaining("wasi_snapshot_preview1.fd_write").hasMessageContaining("unknown import module");
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
                .hasMessageContaining("lockstep.rand_u64").hasMessageContaining("does not match");
    }

    @Test
    void hostFunctionTableKnowsEveryAbiFunction() {
        assertThat(HostFunctionTable.names()).containsExactlyInAnyOrderElementsOf(List.of("log", "rand_u64",
                "progress", "area_vertices", "kv_get", "kv_put", "sensor_read", "act_velocity", "emit", "infer"));
    }
}
