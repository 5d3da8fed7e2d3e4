package io.lockstep.runtime.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Interruption checks: Chicory calls {@code Shaded.checkInterruption()} (a volatile read, which also keeps
 * HotSpot from moving loads across it) before every Wasm {@code call} and at every backward jump. In a metered
 * module whose fuel writes all became {@link MeteringGlobals} calls, every one of them is dropped: the metering
 * pass charges fuel at every function entry and loop header, so every backward jump and every call reaches a
 * fuel write, and {@link MeteringGlobals#fuel(long, com.dylibso.chicory.runtime.Memory)} reads the interrupt
 * flag whenever the fuel crosses a multiple of {@link MeteringGlobals#INTERRUPT_CHECK_FUEL}. An aborted agent
 * still stops, within that much fuel. Interruption is how a mission is aborted from outside, never part of an
 * agent's deterministic result. When a fuel write is left as Chicory compiled it, every check stays.
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
    private int rewritten;
    private int checksDropped;

    MeteringAccessRewriter(int fuelGlobal, int depthGlobal) {
        this.fuelGlobal = fuelGlobal;
        this.depthGlobal = depthGlobal;
    }

    /** How many global accesses the last {@link #rewriteJar} call rewrote. */
    int rewritten() {
        return rewritten;
    }

    /** How many interruption checks the last {@link #rewriteJar} call dropped. */
    int checksDropped() {
        return checksDropped;
    }

    /** Rewrites every class of a jar in the layout Chicory's compiler cache stores; other entries are copied. */
    byte[] rewriteJar(byte[] jar) {
        rewritten = 0;
        checksDropped = 0;
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            JarEntry entry;
            while ((entry = in.getNextJarEntry()) != null) {
                names.add(entry.getName());
                contents.add(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, ClassNode> classes = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).endsWith(".class")) {
                ClassNode node = new ClassNode();
                new ClassReader(contents.get(i)).accept(node, 0);
                classes.put(i, node);
            }
        }
        // Fuel writes left as Chicory compiled them (none expected): those would charge without the check.
        int fuelWritesLeft = 0;
        for (ClassNode node : classes.values()) {
            for (MethodNode method : node.methods) {
                fuelWritesLeft += rewriteGlobals(method);
            }
        }
        if (fuelGlobal >= 0 && fuelWritesLeft == 0 && rewritten > 0) {
            for (ClassNode node : classes.values()) {
                for (MethodNode method : node.methods) {
                    dropInterruptionChecks(method);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length);
        try (JarOutputStream rewrittenJar = new JarOutputStream(out)) {
            for (int i = 0; i < names.size(); i++) {
                rewrittenJar.putNextEntry(new JarEntry(names.get(i)));
                ClassNode node = classes.get(i);
                if (node == null) {
                    rewrittenJar.write(contents.get(i));
                } else {
                    ClassWriter writer = new ClassWriter(0);
                    node.accept(writer);
                    rewrittenJar.write(writer.toByteArray());
                }
                rewrittenJar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The slot of the instance parameter of a compiled Wasm function, or -1 for any other method. */
    private static int instanceSlot(MethodNode method) {
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            return -1;
        }
        Type[] args = Type.getArgumentTypes(method.desc);
        if (args.length < 2 || !args[args.length - 1].getInternalName().equals(INSTANCE)
                || !args[args.length - 2].getInternalName().equals(MEMORY)) {
            return -1;
        }
        int slot = 0;
        for (int i = 0; i < args.length - 1; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }

    /** Rewrites the fuel and depth accesses of one method; returns the fuel writes it could not rewrite. */
    private int rewriteGlobals(MethodNode method) {
        int instanceSlot = instanceSlot(method);
        int fuelWritesLeft = 0;
        InsnList code = method.instructions;
        AbstractInsnNode next;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = next) {
            next = insn.getNext();
            if (!(insn instanceof MethodInsnNode call) || call.getOpcode() != Opcodes.INVOKESTATIC
                    || !call.owner.endsWith("Shaded")) {
                continue;
            }
            boolean read = call.name.equals("readGlobal") && call.desc.equals(READ);
            boolean write = call.name.equals("writeGlobal") && call.desc.equals(WRITE);
            if (!read && !write) {
                continue;
            }
            AbstractInsnNode load = call.getPrevious();
            AbstractInsnNode index = load == null ? null : load.getPrevious();
            Integer global = index == null ? null : intConstant(index);
            if (write && (global == null || global == fuelGlobal)) {
                fuelWritesLeft++;
            }
            if (instanceSlot < 0 || !(load instanceof VarInsnNode var) || var.getOpcode() != Opcodes.ALOAD
                    || var.var != instanceSlot || global == null) {
                continue;
            }
            String name = global == fuelGlobal ? "fuel" : global == depthGlobal ? "depth" : null;
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
            if (write && global == fuelGlobal) {
                fuelWritesLeft--;
            }
        }
        return fuelWritesLeft;
    }

    private void dropInterruptionChecks(MethodNode method) {
        if (instanceSlot(method) < 0) {
            return;
        }
        InsnList code = method.instructions;
        AbstractInsnNode next;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = next) {
            next = insn.getNext();
            if (insn instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESTATIC
                    && call.owner.endsWith("Shaded") && call.name.equals("checkInterruption")
                    && call.desc.equals("()V")) {
                code.remove(call);
                checksDropped++;
            }
        }
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
