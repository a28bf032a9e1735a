package org.hvlab.kernel.execution;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Finds the bytecode of every method in a class file (JVMS 4.1, 4.6, 4.7.3), past its constant pool. */
final class ClassLayout {
    private ClassLayout() {}

    /** {@code [start, end)} byte ranges of each method's {@code Code} array. */
    static List<int[]> codeRanges(byte[] classFile, ExitCallRewriter.Pool pool) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        int pos = pool.end + 6; // access_flags, this_class, super_class
        pos += 2 + 2 * in.getChar(pos); // interfaces
        pos = skipMembers(in, pos, pool, null); // fields
        List<int[]> ranges = new ArrayList<>();
        skipMembers(in, pos, pool, ranges); // methods
        return ranges;
    }

    /** Skips a fields or methods table; collects Code ranges when {@code ranges} is not null. */
    private static int skipMembers(ByteBuffer in, int pos, ExitCallRewriter.Pool pool, List<int[]> ranges) {
        int members = in.getChar(pos);
        pos += 2;
        for (int m = 0; m < members; m++) {
            int attributes = in.getChar(pos + 6);
            pos += 8;
            for (int a = 0; a < attributes; a++) {
                String name = pool.utf8At(in.getChar(pos));
                int length = in.getInt(pos + 2);
                if (ranges != null && "Code".equals(name)) {
                    int codeLength = in.getInt(pos + 10); // after max_stack and max_locals
                    ranges.add(new int[] {pos + 14, pos + 14 + codeLength});
                }
                pos += 6 + length;
            }
        }
        return pos;
    }
}
