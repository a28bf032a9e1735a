package org.hvlab.core;

/**
 * A guest intermediate physical address (what a VM sees as physical; stage 2 translates it to a {@link Pa}).
 *
 * <p>Immutable; arithmetic is checked against the architectural 52-bit range and prints as {@code 0x4000_0000}.
 */
public record Ipa(long value) implements Comparable<Ipa> {
    public Ipa {
        Addresses.check("IPA", value);
    }

    public static Ipa of(long value) { return new Ipa(value); }

    /** This address plus {@code size}; fails if it leaves the 52-bit space. */
    public Ipa checkedAdd(ByteSize size) { return new Ipa(Addresses.add("IPA", value, size.bytes())); }

    /** This address moved by {@code delta} bytes (may be negative); fails if it leaves the 52-bit space. */
    public Ipa offset(long delta) { return new Ipa(Addresses.add("IPA", value, delta)); }

    /** The number of bytes from {@code lower} up to this address. */
    public ByteSize minus(Ipa lower) {
        if (lower.value > value) {
            throw new CoreException(CoreException.Reason.ADDRESS_RANGE, this + " - " + lower,
                    "the distance between two addresses is taken from the lower one", "Swap the operands");
        }
        return ByteSize.ofBytes(value - lower.value);
    }

    public Ipa alignUp(ByteSize alignment) {
        return new Ipa(Addresses.alignUp(value, Addresses.requireAlignment(alignment), "IPA " + this));
    }

    public Ipa alignDown(ByteSize alignment) {
        return new Ipa(value & -Addresses.requireAlignment(alignment));
    }

    public boolean isAligned(ByteSize alignment) {
        return (value & (Addresses.requireAlignment(alignment) - 1)) == 0;
    }

    /** The 4 KiB page number ({@code value >>> 12}). */
    public long pageNumber() { return value >>> 12; }

    /** The offset inside the 4 KiB page. */
    public int pageOffset() { return (int) (value & 0xFFF); }

    /** The start of the 4 KiB page holding this address. */
    public Ipa pageBase() { return new Ipa(value & ~0xFFFL); }

    public boolean isPageAligned() { return (value & 0xFFF) == 0; }

    @Override
    public int compareTo(Ipa o) { return Long.compare(value, o.value); }

    /** {@code 0x4000_0000}. */
    public String hex() { return Hex.address(value); }

    @Override
    public String toString() { return hex(); }
}
