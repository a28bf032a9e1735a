package org.hvlab.kernel;

import org.hvlab.core.LabException;

/** What can go wrong in the kernel itself (not in a cell's code), each with what, why and what to do next. */
public final class KernelException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why the kernel refused or failed. */
    public enum Reason implements LabException.Reason {
        CONNECTION_FILE("kernel.connection_file"),
        MAGIC("kernel.magic"),
        CLASSPATH("kernel.classpath"),
        MAVEN("kernel.maven"),
        INSTALL("kernel.install"),
        JUPYTER("kernel.jupyter"),
        REPORT("kernel.report"),
        DISPLAY("kernel.display");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public KernelException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public KernelException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }
}
