package org.hvlab.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Base of every hvlab exception. Unchecked, with a reason code and a message in three parts:
 * what (the values), why (the rule), next (the call that fixes or explains it).
 *
 * <p>Each package has one subclass (for example {@code MemoryException}) whose reasons are an enum implementing
 * {@link Reason}. Front ends (the kernel, the command line) show {@link #getMessage()} without stack frames.
 */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A stable, machine-readable reason; each package declares its own enum of them. */
    public interface Reason {
        /** A dotted code such as {@code memory.unmapped}, stable across releases. */
        String code();

        /**
         * The code every package's reason enum uses: {@code prefix}, a dot, then the constant's name in lower case,
         * so {@code Reason.code("memory", UNMAPPED)} is {@code memory.unmapped}. An enum's {@code code()} returns
         * this, and its codes stay stable as long as its constants keep their names.
         */
        static String code(String prefix, Enum<?> reason) {
            return prefix + "." + reason.name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final String what;
    private final String why;
    private final String next;

    public LabException(Reason reason, String what, String why, String next) {
        this(reason, what, why, next, null);
    }

    public LabException(Reason reason, String what, String why, String next, Throwable cause) {
        super(compose(what, why, next), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.what = Objects.requireNonNull(what, "what");
        this.why = why == null ? "" : why;
        this.next = next == null ? "" : next;
    }

    private static String compose(String what, String why, String next) {
        StringBuilder sb = new StringBuilder(what);
        if (why != null && !why.isBlank()) sb.append(": ").append(why);
        if (next != null && !next.isBlank()) {
            if (sb.charAt(sb.length() - 1) != '.') sb.append('.');
            sb.append(' ').append(next);
        }
        return sb.toString();
    }

    public Reason reason() { return reason; }

    /** The reason's dotted code, e.g. {@code memory.unmapped}. */
    public String code() { return reason.code(); }

    public String what() { return what; }

    public String why() { return why; }

    public String next() { return next; }
}
