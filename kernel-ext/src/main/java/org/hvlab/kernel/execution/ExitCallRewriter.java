package org.hvlab.kernel.execution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redirects the calls that would end the kernel's JVM from a cell's class file to {@link ExitTrap}, with no bytecode
 * library, the same on every JDK from 17 on:
 * <ul>
 *   <li>{@code System.exit(int)}: only the constant pool changes. Each {@code Methodref java/lang/System.exit:(I)V}
 *       gets its class index pointed at a new {@code Class} entry for {@code ExitTrap}; code, stack maps and method
 *       handles that use the Methodref follow unchanged.</li>
 *   <li>{@code Runtime.exit(int)} and {@code Runtime.halt(int)}: an instance call cannot be redirected through the
 *       pool alone, so each {@code invokevirtual} of them becomes an {@code invokestatic} of
 *       {@code ExitTrap.runtimeExit/runtimeHalt(Runtime, int)}: the same three bytes and the same stack effect, so no
 *       offset, branch or stack map moves. Method handles ({@code rt::exit}) switch from virtual to static the same
 *       way.</li>
 * </ul>
 * New pool entries are appended, so every existing index stays valid.
 *
 * <p>This covers code JShell compiled from cells; a library that calls them itself is not rewritten.
 */
public final class ExitCallRewriter {
    private static final String TRAP = ExitTrap.class.getName().replace('.', '/');
    private static final String RUNTIME_TRAP_DESC = "(Ljava/lang/Runtime;I)V";
    private static final int UTF8 = 1, CLASS = 7, METHODREF = 10, NAME_AND_TYPE = 12, METHOD_HANDLE = 15;
    private static final int INVOKEVIRTUAL = 0xb6, INVOKESTATIC = 0xb8, REF_INVOKE_VIRTUAL = 5, REF_INVOKE_STATIC = 6;

    private ExitCallRewriter() {}

    /** The class file with its exit calls redirected, or the same array if it has none. */
    public static byte[] rewrite(byte[] classFile) {
        Pool pool = Pool.read(classFile);
        List<Integer> systemExits = new ArrayList<>();
        Map<Integer, String> runtimeCalls = new HashMap<>(); // Methodref index -> "exit" or "halt"
        for (int i = 1; i < pool.count; i++) {
            if (pool.tags[i] != METHODREF) continue;
            String[] ref = pool.methodref(i);
            if (ref[0].equals("java/lang/System") && ref[1].equals("exit") && ref[2].equals("(I)V")) systemExits.add(i);
            if (ref[0].equals("java/lang/Runtime") && (ref[1].equals("exit") || ref[1].equals("halt"))
                    && ref[2].equals("(I)V")) {
                runtimeCalls.put(i, ref[1]);
            }
        }
        if (systemExits.isEmpty() && runtimeCalls.isEmpty()) return classFile;

        // appended entries: #count UTF8 trap name, #count+1 Class; for Runtime calls also the two static targets
        int trapClass = pool.count + 1;
        int exitRef = pool.count + 5, haltRef = pool.count + 8;
        ByteBuffer added = ByteBuffer.allocate(512);
        utf8(added, TRAP);
        added.put((byte) CLASS).putChar((char) pool.count);
        int newCount = pool.count + 2;
        if (!runtimeCalls.isEmpty()) {
            utf8(added, RUNTIME_TRAP_DESC);                                    // count+2
            staticTarget(added, "runtimeExit", pool.count + 2, trapClass, pool.count + 3);
            staticTarget(added, "runtimeHalt", pool.count + 2, trapClass, pool.count + 6);
            newCount = pool.count + 9;
        }

        byte[] patched = classFile.clone();
        ByteBuffer p = ByteBuffer.wrap(patched);
        for (int ref : systemExits) p.putChar(pool.offsets[ref] + 1, (char) trapClass);
        if (!runtimeCalls.isEmpty()) {
            Map<Integer, Integer> target = new HashMap<>();
            runtimeCalls.forEach((ref, name) -> target.put(ref, name.equals("exit") ? exitRef : haltRef));
            for (int i = 1; i < pool.count; i++) {
                if (pool.tags[i] != METHOD_HANDLE) continue;
                int at = pool.offsets[i];
                Integer to = target.get((int) p.getChar(at + 2));
                if (to != null && patched[at + 1] == REF_INVOKE_VIRTUAL) {
                    patched[at + 1] = REF_INVOKE_STATIC;
                    p.putChar(at + 2, (char) to.intValue());
                }
            }
            for (int[] code : ClassLayout.codeRanges(classFile, pool)) {
                Bytecode.forEachInstruction(classFile, code[0], code[1], (at, opcode) -> {
                    if (opcode != INVOKEVIRTUAL) return;
                    Integer to = target.get((int) p.getChar(at + 1));
                    if (to == null) return;
                    patched[at] = (byte) INVOKESTATIC;
                    p.putChar(at + 1, (char) to.intValue());
                });
            }
        }

        if (newCount > 0xffff) {
            throw new IllegalArgumentException("the class's constant pool is full (" + pool.count + " entries): the"
                    + " exit calls cannot be redirected; split the cell's code into smaller classes");
        }
        byte[] out = new byte[classFile.length + added.position()];
        ByteBuffer o = ByteBuffer.wrap(out);
        o.put(patched, 0, pool.end);
        o.putChar(8, (char) newCount);
        o.put(added.array(), 0, added.position());
        o.put(patched, pool.end, patched.length - pool.end);
        return out;
    }

    private static void utf8(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.put((byte) UTF8).putChar((char) bytes.length).put(bytes);
    }

    /** Appends UTF8 name (#first), NameAndType (#first+1) and Methodref (#first+2) of a static trap method. */
    private static void staticTarget(ByteBuffer b, String name, int descIndex, int classIndex, int first) {
        utf8(b, name);
        b.put((byte) NAME_AND_TYPE).putChar((char) first).putChar((char) descIndex);
        b.put((byte) METHODREF).putChar((char) classIndex).putChar((char) (first + 1));
    }

    /** A parsed constant pool: each entry's tag and offset, the UTF8 texts, and where the pool ends. */
    static final class Pool {
        final int count;
        final int[] offsets;
        final int[] tags;
        final Map<Integer, String> utf8 = new HashMap<>();
        final int end;
        private final ByteBuffer in;

        private Pool(ByteBuffer in, int count, int[] offsets, int[] tags, int end) {
            this.in = in;
            this.count = count;
            this.offsets = offsets;
            this.tags = tags;
            this.end = end;
        }

        static Pool read(byte[] classFile) {
            ByteBuffer in = ByteBuffer.wrap(classFile);
            int count = in.getChar(8);
            int[] offsets = new int[count];
            int[] tags = new int[count];
            Map<Integer, String> utf8 = new HashMap<>();
            int pos = 10;
            for (int i = 1; i < count; i++) {
                int tag = classFile[pos] & 0xff;
                tags[i] = tag;
                offsets[i] = pos;
                pos += 1 + switch (tag) {
                    case UTF8 -> {
                        int len = in.getChar(pos + 1);
                        utf8.put(i, new String(classFile, pos + 3, len, StandardCharsets.UTF_8));
                        yield 2 + len;
                    }
                    case 3, 4, 9, METHODREF, 11, NAME_AND_TYPE, 17, 18 -> 4;
                    case 5, 6 -> 8;
                    case CLASS, 8, 16, 19, 20 -> 2;
                    case METHOD_HANDLE -> 3;
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + pos);
                };
                if (tag == 5 || tag == 6) i++;
            }
            Pool pool = new Pool(in, count, offsets, tags, pos);
            pool.utf8.putAll(utf8);
            return pool;
        }

        String utf8At(int index) {
            return utf8.get(index);
        }

        /** Owner, name and descriptor of the Methodref at {@code i}. */
        String[] methodref(int i) {
            int classIdx = in.getChar(offsets[i] + 1);
            int natIdx = in.getChar(offsets[i] + 3);
            return new String[] {utf8.get((int) in.getChar(offsets[classIdx] + 1)),
                utf8.get((int) in.getChar(offsets[natIdx] + 1)), utf8.get((int) in.getChar(offsets[natIdx] + 3))};
        }
    }
}
