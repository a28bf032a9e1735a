package org.hvlab.core;

/** Address formatting as hvlab prints it: lower-case hex in groups of four, {@code 0x4000_0000}. */
public final class Hex {
    private Hex() {}

    /** {@code 0x4000_0000}, {@code 0xbfff_ffff}, {@code 0x0}: hex digits grouped by four from the right. */
    public static String address(long value) {
        String digits = Long.toHexString(value);
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 4 + 2).append("0x");
        int lead = digits.length() % 4;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 4 == 0) sb.append('_');
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /** A 64-bit value as 16 zero-padded hex digits in groups of four, e.g. a descriptor {@code 0x0000_0000_8000_077f}. */
    public static String word(long value) {
        String digits = String.format("%016x", value);
        return "0x" + digits.substring(0, 4) + '_' + digits.substring(4, 8) + '_' + digits.substring(8, 12) + '_'
                + digits.substring(12);
    }

    /** Parses {@code 0x4000_0000}, {@code 4000_0000} (hex) or a decimal string (no prefix, digits only). */
    public static long parse(String text) {
        String s = text.strip().replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CoreException(CoreException.Reason.PARSE, "'" + text + "' is not a number",
                    "an address is 0x-prefixed hex (underscores allowed) or decimal",
                    "Write it as 0x4000_0000 or 1073741824", e);
        }
    }
}
