package org.hvlab.kernel.execution;

import java.nio.ByteBuffer;

/** Walks a method's bytecode instruction by instruction, using each opcode's length (JVMS 6.5). */
final class Bytecode {
    /** Called with each instruction's offset in the class file and its opcode. */
    interface Visitor {
        void instruction(int at, int opcode);
    }

    private static final int[] LENGTH = new int[256];

    static {
        java.util.Arrays.fill(LENGTH, 1);
        for (int op : new int[] {0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc}) {
            LENGTH[op] = 2; // bipush, ldc, loads and stores with an index, ret, newarray
        }
        for (int op = 0x99; op <= 0xa8; op++) LENGTH[op] = 3; // if<cond>, if_<cmp>, goto, jsr
        for (int op = 0xb2; op <= 0xb8; op++) LENGTH[op] = 3; // field access, invokevirtual/special/static
        for (int op : new int[] {0x11, 0x13, 0x14, 0x84, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7}) LENGTH[op] = 3;
        LENGTH[0xc5] = 4; // multianewarray
        for (int op : new int[] {0xb9, 0xba, 0xc8, 0xc9}) LENGTH[op] = 5; // invokeinterface, invokedynamic, goto_w, jsr_w
    }

    private Bytecode() {}

    /**
     * Visits the instructions of the code array at {@code [start, end)} of {@code classFile}; an instruction that
     * would run past the end means the class file is not what it claims, and is refused.
     */
    static void forEachInstruction(byte[] classFile, int start, int end, Visitor visitor) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        int at = start;
        while (at < end) {
            int opcode = classFile[at] & 0xff;
            visitor.instruction(at, opcode);
            at += switch (opcode) {
                case 0xaa -> { // tableswitch: padding to a multiple of 4 from the code's start, default, low, high
                    int table = at + 1 + padding(at - start);
                    int low = in.getInt(table + 4);
                    int high = in.getInt(table + 8);
                    yield table - at + 12 + 4 * (high - low + 1);
                }
                case 0xab -> { // lookupswitch: padding, default, npairs, pairs
                    int table = at + 1 + padding(at - start);
                    yield table - at + 8 + 8 * in.getInt(table + 4);
                }
                case 0xc4 -> (classFile[at + 1] & 0xff) == 0x84 ? 6 : 4; // wide iinc, wide load/store/ret
                default -> LENGTH[opcode];
            };
        }
        if (at != end) throw new IllegalArgumentException("bytecode runs past its Code array (" + at + " > " + end + ")");
    }

    private static int padding(int offsetInCode) {
        return (4 - (offsetInCode + 1) % 4) % 4;
    }
}
