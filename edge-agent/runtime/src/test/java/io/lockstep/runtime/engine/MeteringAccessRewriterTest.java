package io.lockstep.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.WasmModule;
import io.lockstep.agents.ExampleAgents;
import io.lockstep.runtime.AgentDefinition;
import io.lockstep.runtime.CapabilityGrant;
import io.lockstep.runtime.ExecutionMode;
import io.lockstep.runtime.RuntimeLimits;
import io.lockstep.runtime.wasm.MeteringPass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The compiled metering helpers reach fuel and depth through {@link MeteringGlobals}: after the rewrite no
 * {@code Instance.global(i)} access to either is left, every one became a {@link MeteringGlobals} call, Chicory's
 * interruption checks are gone (the fuel write checks instead) and the rewritten classes load (Chicory verifies
 * them). Without the fuel rewrite every check stays. That the values are the same is what the execution-mode
 * and parallel-determinism tests check: the interpreter still uses {@code Instance.global(i)};
 * {@code AbortAndFuelCeilingTest} checks that an abort still stops a compiled agent.
 */
class MeteringAccessRewriterTest {

    @Test
    void fuelAndDepthAccessesAreRewrittenTheInterruptionChecksDroppedAndTheClassesLoad() throws IOException {
        WasmModule module = pathplan();
        int fuel = AgentCompiler.exportedGlobal(module, MeteringPass.FUEL_EXPORT);
        int depth = AgentCompiler.exportedGlobal(module, MeteringPass.DEPTH_EXPORT);
        byte[] jar = compiledJar(module);
        MeteringAccessRewriter rewriter = new MeteringAccessRewriter(fuel, depth);
        byte[] rewritten = rewriter.rewriteJar(jar);

        int before = meteringGlobalAccesses(jar, fuel, depth);
        // charge: fuel get, set, get; bulk charge: the same; enter: depth get, set, get; leave: depth get, set
        assertEquals(11, before, "fuel and depth accesses Chicory compiled");
        assertEquals(0, meteringGlobalAccesses(rewritten, fuel, depth));
        assertEquals(before, calls(rewritten, Type.getInternalName(MeteringGlobals.class)));
        assertEquals(before, rewriter.rewritten());
        assertTrue(calls(rewritten, "readGlobal") + calls(rewritten, "writeGlobal") > 0,
                "the agent's own globals (the stack pointer) are left to Chicory");

        int checks = calls(jar, "checkInterruption");
        assertTrue(checks > 50, "Chicory checks for interruption at calls and backward jumps: " + checks);
        assertEquals(checks, rewriter.checksDropped());
        assertEquals(0, calls(rewritten, "checkInterruption"));
        // Loading runs the JVM verifier over the rewritten classes.
        assertTrue(AgentCompiler.compile(module) != null);
    }

    @Test
    void withoutTheFuelRewriteEveryInterruptionCheckStays() throws IOException {
        WasmModule module = pathplan();
        byte[] jar = compiledJar(module);
        MeteringAccessRewriter rewriter = new MeteringAccessRewriter(-1,
                AgentCompiler.exportedGlobal(module, MeteringPass.DEPTH_EXPORT));
        byte[] rewritten = rewriter.rewriteJar(jar);
        assertEquals(5, rewriter.rewritten(), "the depth accesses only");
        assertEquals(0, rewriter.checksDropped());
        assertEquals(calls(jar, "checkInterruption"), calls(rewritten, "checkInterruption"));
    }

    private static WasmModule pathplan() {
        return ModuleLoader.load(new AgentDefinition("pathplan", ExampleAgents.bytes("pathplan"), List.of(),
                CapabilityGrant.none()), RuntimeLimits.defaults(), ExecutionMode.INTERPRETER).module();
    }

    private static byte[] compiledJar(WasmModule module) {
        byte[][] jar = new byte[1][];
        MachineFactoryCompiler.builder(module).withCache(new Cache() {
            @Override
            public byte[] get(String key) {
                return null;
            }

            @Override
            public void putIfAbsent(String key, byte[] data) {
                jar[0] = data;
            }
        }).compile();
        return jar[0];
    }

    /** Chicory's global.get/global.set of the two indices: push k; aload; invokestatic *Shaded.read|writeGlobal. */
    private static int meteringGlobalAccesses(byte[] jar, int fuel, int depth) throws IOException {
        int count = 0;
        for (MethodInsnNode call : staticCalls(jar)) {
            if (call.owner.endsWith("Shaded") && (call.name.equals("readGlobal") || call.name.equals("writeGlobal"))) {
                AbstractInsnNode index = call.getPrevious().getPrevious();
                int k = index.getOpcode() - org.objectweb.asm.Opcodes.ICONST_0;
                if (k == fuel || k == depth) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int calls(byte[] jar, String ownerOrName) throws IOException {
        int count = 0;
        for (MethodInsnNode call : staticCalls(jar)) {
            if (call.owner.equals(ownerOrName) || call.name.equals(ownerOrName)) {
                count++;
            }
        }
        return count;
    }

    private static List<MethodInsnNode> staticCalls(byte[] jar) throws IOException {
        List<MethodInsnNode> out = new java.util.ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                ClassNode node = new ClassNode();
                new ClassReader(in.readAllBytes()).accept(node, 0);
                for (MethodNode method : node.methods) {
                    for (AbstractInsnNode insn : method.instructions) {
                        if (insn instanceof MethodInsnNode call) {
                            out.add(call);
                        }
                    }
                }
            }
        }
        return out;
    }
}
