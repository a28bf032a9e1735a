package org.hvlab.core;

/** Shared checked arithmetic for {@link Ipa} and {@link Pa}. */
final class Addresses {
    private Addresses() {}

    /** Architectural limit: 52-bit IPA and PA (ARMv8.2 LPA). */
    static final int MAX_BITS = 52;
    static final long LIMIT = 1L << MAX_BITS;

    static long check(String kind, long value) {
        if (value < 0 || value >= LIMIT) throw outOfRange(kind, value);
        return value;
    }

    // Cold path kept out of check() so that check() stays small enough to inline on hot paths.
    private static CoreException outOfRange(String kind, long value) {
        return new CoreException(CoreException.Reason.ADDRESS_RANGE,
                kind + " " + (value < 0 ? Long.toString(value) : Hex.address(value)) + " is out of range",
                "addresses are between 0 and 2^52-1 (the architectural 52-bit limit)",
                "Check the arithmetic that produced it");
    }

    static long add(String kind, long base, long delta) {
        long r;
        try {
            r = Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            r = -1;
        }
        if (r < 0 || r >= LIMIT) {
            throw new CoreException(CoreException.Reason.ADDRESS_RANGE,
                    kind + " " + Hex.address(base) + " + " + delta + " leaves the address space",
                    "addresses are between 0 and 2^52-1 (the architectural 52-bit limit)",
                    "Use a smaller offset or a lower base");
        }
        return r;
    }

    static long requireAlignment(ByteSize alignment) {
        if (!alignment.isPowerOfTwo()) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, "alignment " + alignment,
                    "an alignment is a power of two bytes", "Use ByteSize.PAGE, mib(2) or gib(1)");
        }
        return alignment.bytes();
    }

    static long alignUp(long value, long alignment, String what) {
        long r = (value + alignment - 1) & -alignment;
        if (r < value) {
            throw new CoreException(CoreException.Reason.ADDRESS_RANGE, what + " aligned up to " + alignment,
                    "the result overflows", "Align a smaller value");
        }
        return r;
    }
}
