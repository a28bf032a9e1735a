package org.hvlab;

import org.hvlab.core.LabException;

/** The {@link LabException} of the facade: building and using a {@link Host} and its VMs. */
public final class HostException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a host or VM setting was refused. Codes are {@code host.<name>}, e.g. {@code host.bad_cpus}. */
    public enum Reason implements LabException.Reason {
        /** A CPU count out of range for the platform. */
        BAD_CPUS,
        /** A memory size that is zero or not a whole number of 4 KiB pages. */
        BAD_MEMORY,
        /** An interrupt controller feature the platform does not have. */
        NO_SUCH_FEATURE,
        /** A setting out of its allowed range (seed, trace capacity, TLB size, name). */
        BAD_SETTING,
        /** No VM of that name, or a name used twice. */
        VM_NAME,
        /** The host was closed. */
        CLOSED;

        @Override public String code() { return LabException.Reason.code("host", this); }
    }

    public HostException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
