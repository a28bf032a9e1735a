package org.hvlab.bmc.redfish;

/** Redfish {@code TaskState} values (the subset this BMC reports, plus the rest of the enum for other services). */
public enum TaskState {
    New, Starting, Running, Suspended, Interrupted, Pending, Stopping, Completed, Killed, Exception, Service,
    Cancelling, Cancelled;

    /** True once the task can no longer change. */
    public boolean ended() {
        return this == Completed || this == Killed || this == Exception || this == Cancelled;
    }

    static TaskState parse(String s) {
        for (TaskState t : values()) if (t.name().equals(s)) return t;
        return Exception;
    }
}
