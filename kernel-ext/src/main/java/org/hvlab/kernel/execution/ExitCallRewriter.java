package org.hvlab.kernel.execution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redirects {@code System.exit(int)} in a class file to {@link ExitTrap#exit(int)} by editing only the constant
 * pool: every {@code Methodref java/lang/System.exit:(I)V} gets its class index pointed at a new {@code Class}
 * entry for {@code ExitTrap}, appended to the pool. Code, stack maps and method handles that use the Methodref
 * follow unchanged, so no bytecode library is needed and it works the same on every JDK from 17 on.
 *
 * <p>This covers code JShell compiled from cells; a library that calls {@code System.exit} itself is not rewritten.
 */
public final class ExitCallRewriter {
    private static final String TRAP = ExitTrap.class.getName().replace('.', '/');
    private static final int UTF8 = 1, CLASS = 7, METHODREF = 10, NAME_AND_TYPE = 12;

    private ExitCallRewriter() {}

    /** The class file with its {@code System.exit} calls redirected, or the same array if it has none. */
    public static byte[] rewrite(byte[] classFile) {
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
                case 15 -> 3;
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + pos);
            };
            if (tag == 5 || tag == 6) i++;
        }
        List<Integer> exitRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] != METHODREF) continue;
            int classIdx = in.getChar(offsets[i] + 1);
            int natIdx = in.getChar(offsets[i] + 3);
            String owner = utf8.get((int) in.getChar(offsets[classIdx] + 1));
            String name = utf8.get((int) in.getChar(offsets[natIdx] + 1));
            String desc = utf8.get((int) in.getChar(offsets[natIdx] + 3));
            if ("java/lang/System".equals(owner) && "exit".equals(name) && "(I)V".equals(desc)) exitRefs.add(i);
        }
        if (exitRefs.isEmpty()) return classFile;
        byte[] out = new byte[classFile.length + 3 + TRAP.length() + 3];
        ByteBuffer o = ByteBuffer.wrap(out);
        o.put(classFile, 0, pos);
        int utf8Index = count;
        int classIndex = count + 1;
        o.putChar(8, (char) (count + 2));
        for (int ref : exitRefs) o.putChar(offsets[ref] + 1, (char) classIndex);
        o.position(pos);
        o.put((byte) UTF8).putChar((char) TRAP.length()).put(TRAP.getBytes(StandardCharsets.US_ASCII));
        o.put((byte) CLASS).putChar((char) utf8Index);
        o.put(classFile, pos, classFile.length - pos);
        return out;
    }
}
