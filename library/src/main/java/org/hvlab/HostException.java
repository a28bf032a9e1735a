package org.hvlab;

import org.hvlab.core.LabException;

/** The {@link LabException} of the facade: building and using a {@link Host} and its VMs. */
public final class HostException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a host or VM setting was refused. */
    public enum Reason implements LabException.Reason {
        /** A CPU count out of range for the platform. */
        BAD_CPUS("host.bad_cpus"),
        /** A memory size that is zero or not a whole number of 4 KiB pages. */
        BAD_MEMORY("host.bad_memory"),
        /** An interrupt controller feature the platform does not have. */
        NO_SUCH_FEATURE("host.no_such_feature"),
        /** A setting out of its allowed range (seed, trace capacity, TLB size, name). */
        BAD_SETTING("host.bad_setting"),
        /** No VM of that name, or a name used twice. */
        VM_NAME("host.vm_name"),
        /** The host was closed. */
        CLOSED("host.closed");

        private final String code;

        Reason(String code) { this.code = code; }

        @Override public String code() { return code; }
    }

    public HostException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
