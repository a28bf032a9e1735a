package org.hvlab.core;

/**
 * A host physical address (what stage 2 produces; host frames and page tables live here). Distinct from {@link Ipa}.
 *
 * <p>Immutable; arithmetic is checked against the architectural 52-bit range and prints as {@code 0x4000_0000}.
 */
public record Pa(long value) implements Comparable<Pa> {
    public Pa {
        Addresses.check("PA", value);
    }

    public static Pa of(long value) { return new Pa(value); }

    /** This address plus {@code size}; fails if it leaves the 52-bit space. */
    public Pa checkedAdd(ByteSize size) { return new Pa(Addresses.add("PA", value, size.bytes())); }

    /** This address moved by {@code delta} bytes (may be negative); fails if it leaves the 52-bit space. */
    public Pa offset(long delta) { return new Pa(Addresses.add("PA", value, delta)); }

    /** The number of bytes from {@code lower} up to this address. */
    public ByteSize minus(Pa lower) {
        if (lower.value > value) {
            throw new CoreException(CoreException.Reason.ADDRESS_RANGE, this + " - " + lower,
                    "the distance between two addresses is taken from the lower one", "Swap the operands");
        }
        return ByteSize.ofBytes(value - lower.value);
    }

    public Pa alignUp(ByteSize alignment) {
        return new Pa(Addresses.alignUp(value, Addresses.requireAlignment(alignment), "PA " + this));
    }

    public Pa alignDown(ByteSize alignment) {
        return new Pa(value & -Addresses.requireAlignment(alignment));
    }

    public boolean isAligned(ByteSize alignment) {
        return (value & (Addresses.requireAlignment(alignment) - 1)) == 0;
    }

    /** The 4 KiB page number ({@code value >>> 12}). */
    public long pageNumber() { return value >>> 12; }

    /** The offset inside the 4 KiB page. */
    public int pageOffset() { return (int) (value & 0xFFF); }

    /** The start of the 4 KiB page holding this address. */
    public Pa pageBase() { return new Pa(value & ~0xFFFL); }

    public boolean isPageAligned() { return (value & 0xFFF) == 0; }

    @Override
    public int compareTo(Pa o) { return Long.compare(value, o.value); }

    /** {@code 0x4000_0000}. */
    public String hex() { return Hex.address(value); }

    @Override
    public String toString() { return hex(); }
}
