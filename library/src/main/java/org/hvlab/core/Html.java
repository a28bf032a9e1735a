package org.hvlab.core;

/** Small helpers for the HTML views of {@link Renderable} types. */
public final class Html {
    private Html() {}

    /** Escapes {@code & < > " '} so that any value can sit in an HTML view. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code s} escaped inside {@code <code>..</code>}, for identifiers, addresses and digests. */
    public static String code(String s) {
        return "<code>" + escape(s) + "</code>";
    }
}
