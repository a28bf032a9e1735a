package org.hvlab.core;

import java.util.Locale;

/**
 * A number of bytes, never negative. Made with {@link #kib(long)}, {@link #mib(long)}, {@link #gib(long)} or
 * {@link #parse(String)}; printed as the largest binary unit that divides it exactly ({@code "4 KiB"}).
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    /** The stage-2 page and host frame size. */
    public static final long PAGE_BYTES = 4096;
    public static final ByteSize ZERO = new ByteSize(0);
    public static final ByteSize PAGE = new ByteSize(PAGE_BYTES);

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    public ByteSize {
        if (bytes < 0) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, "a size of " + bytes + " bytes",
                    "sizes are never negative", "Use ByteSize.ZERO or a positive count");
        }
    }

    public static ByteSize ofBytes(long bytes) { return new ByteSize(bytes); }

    public static ByteSize kib(long n) { return new ByteSize(scale(n, 10, "KiB")); }

    public static ByteSize mib(long n) { return new ByteSize(scale(n, 20, "MiB")); }

    public static ByteSize gib(long n) { return new ByteSize(scale(n, 30, "GiB")); }

    public static ByteSize tib(long n) { return new ByteSize(scale(n, 40, "TiB")); }

    /** {@code n} 4 KiB pages. */
    public static ByteSize pages(long n) { return new ByteSize(scale(n, 12, "pages")); }

    private static long scale(long n, int shift, String unit) {
        if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, n + " " + unit,
                    "a size is between 0 and 2^63-1 bytes", "Pick a smaller count or a smaller unit");
        }
        return n << shift;
    }

    /** The number of whole 4 KiB pages (rounding down); see {@link #isPageMultiple()}. */
    public long pages() { return bytes >>> 12; }

    /** True when this is a whole number of 4 KiB pages. */
    public boolean isPageMultiple() { return (bytes & (PAGE_BYTES - 1)) == 0; }

    public boolean isZero() { return bytes == 0; }

    public boolean isPowerOfTwo() { return bytes != 0 && Long.bitCount(bytes) == 1; }

    public ByteSize plus(ByteSize other) {
        try {
            return new ByteSize(Math.addExact(bytes, other.bytes));
        } catch (ArithmeticException e) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, this + " + " + other, "the sum overflows 2^63-1",
                    "Use smaller sizes", e);
        }
    }

    /** This size minus {@code other}; refuses to go below zero. */
    public ByteSize minus(ByteSize other) {
        if (other.bytes > bytes) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, this + " - " + other, "sizes are never negative",
                    "Subtract the smaller from the larger");
        }
        return new ByteSize(bytes - other.bytes);
    }

    public ByteSize times(long factor) {
        try {
            return new ByteSize(Math.multiplyExact(bytes, factor));
        } catch (ArithmeticException e) {
            throw new CoreException(CoreException.Reason.BAD_SIZE, this + " x " + factor,
                    "the product overflows 2^63-1", "Use a smaller factor", e);
        }
    }

    /** Rounds up to a multiple of {@code alignment} (a power of two). */
    public ByteSize alignUp(ByteSize alignment) {
        long a = Addresses.requireAlignment(alignment);
        return new ByteSize(Addresses.alignUp(bytes, a, "size " + this));
    }

    /** The larger of this and {@code other}. */
    public ByteSize max(ByteSize other) { return bytes >= other.bytes ? this : other; }

    /** The smaller of this and {@code other}. */
    public ByteSize min(ByteSize other) { return bytes <= other.bytes ? this : other; }

    @Override
    public int compareTo(ByteSize o) { return Long.compare(bytes, o.bytes); }

    /** Parses {@code "4 KiB"}, {@code "4KiB"}, {@code "16 gib"}, {@code "2M"}, {@code "4096"}, {@code "4096 B"}. */
    public static ByteSize parse(String text) {
        String s = text == null ? "" : text.strip();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
        String number = s.substring(0, i).replace("_", "");
        String unit = s.substring(i).strip().toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "", "b", "bytes" -> 0;
            case "k", "kib", "kb" -> 10;
            case "m", "mib", "mb" -> 20;
            case "g", "gib", "gb" -> 30;
            case "t", "tib", "tb" -> 40;
            case "p", "pib", "pb" -> 50;
            default -> -1;
        };
        if (number.isEmpty() || shift < 0) {
            throw new CoreException(CoreException.Reason.PARSE, "'" + text + "' is not a size",
                    "a size is a whole number and a binary unit (B, KiB, MiB, GiB, TiB, PiB)",
                    "Write it as \"4 KiB\", \"16 GiB\" or \"4096\"");
        }
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new CoreException(CoreException.Reason.PARSE, "'" + text + "' is too large",
                    "a size fits in 63 bits", "Use a larger unit with a smaller number", e);
        }
        return new ByteSize(scale(n, shift, unit));
    }

    /** {@code "4 KiB"}: the largest binary unit that divides the size exactly. */
    public String format() {
        if (bytes == 0) return "0 B";
        int u = 0;
        long v = bytes;
        while (u < UNITS.length - 1 && (v & 1023) == 0) {
            v >>= 10;
            u++;
        }
        return v + " " + UNITS[u];
    }

    @Override
    public String toString() { return format(); }
}
