package org.hvlab.bmc;

import org.hvlab.core.LabException;

/** A BMC error: the service could not start, or an operation on it was refused; {@link #reason()} tells which. */
public class BmcException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a BMC operation failed. */
    public enum Reason implements LabException.Reason {
        START_FAILED, TLS_SETUP, BAD_SETTING, UNKNOWN_DPU, DUPLICATE_ACCOUNT;

        @Override
        public String code() {
            return "bmc." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BmcException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public BmcException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }
}
