package org.hvlab.bmc.bench;

import org.hvlab.core.LabException;

/** A BMC benchmark could not run: a tool is missing, failed, or printed something unexpected. */
public class BenchException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why the benchmark stopped. */
    public enum Reason implements LabException.Reason {
        TOOL_MISSING, TOOL_FAILED, PARSE;

        @Override
        public String code() {
            return "bench.bmc." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BenchException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
