package io.lockstep.runtime.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import io.lockstep.runtime.wasm.MeteringPass;
import java.util.function.Function;

/**
 * Compiles an instrumented agent module with Chicory and rewrites how the code reaches the metering pass's
 * fuel and depth globals ({@link MeteringGlobals}) and helpers ({@link MeteringAccessRewriter}); its instances
 * need a {@link DirtyPageMemory}.
 *
 * <p>Chicory offers no hook between generating classes and loading them except its compiled-class
 * {@link Cache}: a compilation stores the generated classes in it as a jar, and a compilation that finds a jar
 * there loads that instead of compiling. So the module is compiled once into a cache that rewrites what it is
 * given, and "compiled" a second time from it. When the rewrite cannot apply (a module without a digest, the
 * helper not visible from Chicory's class loader) the first compilation is used unchanged, which runs the same
 * agent with the same results, only slower.
 */
final class AgentCompiler {
    private AgentCompiler() {
    }

    static Function<Instance, Machine> compile(WasmModule module) {
        int fuel = exportedGlobal(module, MeteringPass.FUEL_EXPORT);
        int depth = exportedGlobal(module, MeteringPass.DEPTH_EXPORT);
        if (fuel < 0 && depth < 0 || !helperVisibleToChicory()) {
            return MachineFactoryCompiler.compile(module);
        }
        RewritingCache cache = new RewritingCache(new MeteringAccessRewriter(fuel, depth));
        MachineFactoryCompiler.Builder builder = MachineFactoryCompiler.builder(module).withCache(cache);
        Function<Instance, Machine> plain = builder.compile();
        // No jar stored (a module parsed without a digest): nothing to load rewritten classes from.
        return cache.rewritten == null ? plain : builder.compile();
    }

    /** Index of an exported global; -1 when absent (matches no access). */
    static int exportedGlobal(WasmModule module, String name) {
        ExportSection exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.exportType() == ExternalType.GLOBAL && export.name().equals(name)) {
                return export.index();
            }
        }
        return -1;
    }

    /** Compiled classes resolve {@link MeteringGlobals} through the class loader that loaded Chicory. */
    private static boolean helperVisibleToChicory() {
        try {
            return Class.forName(MeteringGlobals.class.getName(), false,
                    MachineFactoryCompiler.class.getClassLoader()) == MeteringGlobals.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Holds one module's classes, rewritten as they are stored. */
    private static final class RewritingCache implements Cache {
        private final MeteringAccessRewriter rewriter;
        private byte[] rewritten;

        RewritingCache(MeteringAccessRewriter rewriter) {
            this.rewriter = rewriter;
        }

        @Override
        public byte[] get(String key) {
            return rewritten;
        }

        @Override
        public void putIfAbsent(String key, byte[] data) {
            if (rewritten == null) {
                rewritten = rewriter.rewriteJar(data);
            }
        }
    }
}
