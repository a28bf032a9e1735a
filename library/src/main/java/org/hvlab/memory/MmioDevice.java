package org.hvlab.memory;

/**
 * A device model on an {@link MmioBus}: the bus calls it with the offset inside its region (not the IPA) and the
 * access size (1, 2, 4 or 8 bytes, naturally aligned). Devices take their clock, interrupt lines and output sinks
 * by injection, never from globals.
 */
public interface MmioDevice {

    /** A load of {@code size} bytes at {@code offset}; the result is zero-extended to 64 bits. */
    long read(long offset, int size);

    /** A store of the low {@code size} bytes of {@code value} at {@code offset}. */
    void write(long offset, int size, long value);
}
