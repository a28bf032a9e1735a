package org.hvlab.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian loads and stores of 1, 2, 4 or 8 bytes in a byte array (frames, config spaces). */
public final class LittleEndian {
    private LittleEndian() {}

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** The {@code size}-byte value at {@code offset}, zero-extended. */
    public static long get(byte[] data, int offset, int size) {
        return switch (size) {
            case 8 -> (long) LONG.get(data, offset);
            case 4 -> (int) INT.get(data, offset) & 0xFFFF_FFFFL;
            case 2 -> (short) SHORT.get(data, offset) & 0xFFFFL;
            case 1 -> data[offset] & 0xFFL;
            default -> throw badSize(size);
        };
    }

    /** Stores the low {@code size} bytes of {@code value} at {@code offset}. */
    public static void put(byte[] data, int offset, int size, long value) {
        switch (size) {
            case 8 -> LONG.set(data, offset, value);
            case 4 -> INT.set(data, offset, (int) value);
            case 2 -> SHORT.set(data, offset, (short) value);
            case 1 -> data[offset] = (byte) value;
            default -> throw badSize(size);
        }
    }

    public static long getLong(byte[] data, int offset) { return (long) LONG.get(data, offset); }

    public static void putLong(byte[] data, int offset, long value) { LONG.set(data, offset, value); }

    /** The low {@code size} bytes of {@code value} (size 8 keeps all). */
    public static long truncate(long value, int size) {
        return size == 8 ? value : value & ((1L << (8 * size)) - 1);
    }

    static MemoryException badSize(int size) {
        return new MemoryException(MemoryException.Reason.BAD_SIZE, "an access of " + size + " bytes",
                "single accesses are 1, 2, 4 or 8 bytes", "Use readBytes/writeBytes for other lengths");
    }

    /** Checks an access size is 1, 2, 4 or 8. */
    public static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) throw badSize(size);
    }
}
