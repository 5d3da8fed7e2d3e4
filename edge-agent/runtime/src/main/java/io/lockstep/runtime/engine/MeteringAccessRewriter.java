package io.lockstep.runtime.engine;

import io.lockstep.runtime.wasm.MeteringPass;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites the classes Chicory compiled for an agent in two ways, both about the code the metering pass adds.
 *
 * <p>Fuel and depth: Chicory compiles {@code global.get k} to {@code push k; aload instance; invokestatic
 * Shaded.readGlobal} and {@code global.set k} to {@code (value) push k; aload instance; invokestatic
 * Shaded.writeGlobal}; every compiled function takes the memory and the instance as its last two parameters.
 * Exactly those sequences, for the fuel and depth indices, become {@code aload memory; invokestatic
 * MeteringGlobals.fuel|depth}: the stack afterwards is the same, so the stack-map frames and limits Chicory
 * computed stay valid.
 *
 * <p>Interruption checks: Chicory calls {@code Shaded.checkInterruption()} (a volatile read) before every
 * Wasm {@code call} and at every backward jump. Before a call of a metering helper (a charge at every loop
 * header, the NaN checks after float operations) it is dropped: the helpers have no loops and call only each
 * other, so an interrupted agent still stops at its next backward jump or ordinary call. Interruption is
 * how a mission is aborted from outside, never part of an agent's deterministic result.
 *
 * <p>Anything else, including a matching sequence in a method without the memory and instance parameters, is
 * left as it is.
 */
final class MeteringAccessRewriter {
    private static final String INSTANCE = "com/dylibso/chicory/runtime/Instance";
    private static final String MEMORY = "com/dylibso/chicory/runtime/Memory";
    private static final String READ = "(IL" + INSTANCE + ";)J";
    private static final String WRITE = "(JIL" + INSTANCE + ";)V";
    private static final String TARGET = Type.getInternalName(MeteringGlobals.class);

    private final int fuelGlobal;
    private final int depthGlobal;
    private final Set<String> helperMethods;
    private int rewritten;
    private int checksDropped;

    /**
     * @param firstHelper index (imports included) of the first of the metering pass's helper functions, which
     *                    are the module's last {@link MeteringPass#HELPER_FUNCTIONS} functions
     */
    MeteringAccessRewriter(int fuelGlobal, int depthGlobal, int firstHelper) {
        this.fuelGlobal = fuelGlobal;
        this.depthGlobal = depthGlobal;
        this.helperMethods = new HashSet<>();
        for (int f = firstHelper; f < firstHelper + MeteringPass.HELPER_FUNCTIONS; f++) {
            // Chicory's name for the JVM method of function f
            helperMethods.add("func_" + f);
        }
    }

    /** How many global accesses the last {@link #rewriteJar} call rewrote. */
    int rewritten() {
        return rewritten;
    }

    /** How many interruption checks before helper calls the last {@link #rewriteJar} call dropped. */
    int checksDropped() {
        return checksDropped;
    }

    /** Rewrites every class of a jar in the layout Chicory's compiler cache stores; other entries are copied. */
    byte[] rewriteJar(byte[] jar) {
        rewritten = 0;
        checksDropped = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar));
             JarOutputStream rewrittenJar = new JarOutputStream(out)) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                rewrittenJar.putNextEntry(new JarEntry(entry.getName()));
                rewrittenJar.write(entry.getName().endsWith(".class") ? rewriteClass(bytes) : bytes);
                rewrittenJar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    byte[] rewriteClass(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        int before = rewritten + checksDropped;
        for (MethodNode method : node.methods) {
            rewrite(method);
        }
        if (rewritten + checksDropped == before) {
            return bytes;
        }
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return writer.toByteArray();
    }

    private void rewrite(MethodNode method) {
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            return;
        }
        Type[] args = Type.getArgumentTypes(method.desc);
        if (args.length < 2 || !args[args.length - 1].getInternalName().equals(INSTANCE)
                || !args[args.length - 2].getInternalName().equals(MEMORY)) {
            return;
        }
        int instanceSlot = 0;
        for (int i = 0; i < args.length - 1; i++) {
            instanceSlot += args[i].getSize();
        }
        InsnList code = method.instructions;
        AbstractInsnNode next;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = next) {
            next = insn.getNext();
            if (!(insn instanceof MethodInsnNode call) || call.getOpcode() != Opcodes.INVOKESTATIC
                    || !call.owner.endsWith("Shaded")) {
                continue;
            }
            if (call.name.equals("checkInterruption") && call.desc.equals("()V") && precedesHelperCall(call)) {
                code.remove(call);
                checksDropped++;
                continue;
            }
            boolean read = call.name.equals("readGlobal") && call.desc.equals(READ);
            boolean write = call.name.equals("writeGlobal") && call.desc.equals(WRITE);
            AbstractInsnNode load = call.getPrevious();
            AbstractInsnNode index = load == null ? null : load.getPrevious();
            if (!(read || write) || !(load instanceof VarInsnNode var) || var.getOpcode() != Opcodes.ALOAD
                    || var.var != instanceSlot || index == null) {
                continue;
            }
            Integer global = intConstant(index);
            String name = global == null ? null : global == fuelGlobal ? "fuel" : global == depthGlobal ? "depth" : null;
            if (name == null) {
                continue;
            }
            code.remove(index);
            var.var = instanceSlot - 1;
            call.owner = TARGET;
            call.name = name;
            call.desc = read ? "(L" + MEMORY + ";)J" : "(JL" + MEMORY + ";)V";
            call.itf = false;
            rewritten++;
        }
    }

    /** Whether the check is followed by exactly {@code aload memory; aload instance; invokestatic helper}. */
    private boolean precedesHelperCall(AbstractInsnNode check) {
        AbstractInsnNode memory = check.getNext();
        AbstractInsnNode instance = memory == null ? null : memory.getNext();
        AbstractInsnNode target = instance == null ? null : instance.getNext();
        return memory != null && memory.getOpcode() == Opcodes.ALOAD && instance != null
                && instance.getOpcode() == Opcodes.ALOAD && target instanceof MethodInsnNode call
                && call.getOpcode() == Opcodes.INVOKESTATIC && !call.owner.endsWith("Shaded")
                && helperMethods.contains(call.name) && call.desc.endsWith("L" + MEMORY + ";L" + INSTANCE + ";)"
                + Type.getReturnType(call.desc).getDescriptor());
    }

    private static Integer intConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            return op - Opcodes.ICONST_0;
        }
        if ((op == Opcodes.BIPUSH || op == Opcodes.SIPUSH) && insn instanceof IntInsnNode i) {
            return i.operand;
        }
        if (op == Opcodes.LDC && insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer value) {
            return value;
        }
        return null;
    }
}
