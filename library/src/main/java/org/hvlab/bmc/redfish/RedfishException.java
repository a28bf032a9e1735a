package org.hvlab.bmc.redfish;

import org.hvlab.core.LabException;

/** A Redfish client error: the service refused a request, could not be reached, or a task did not end in time. */
public class RedfishException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a client call failed. */
    public enum Reason implements LabException.Reason {
        HTTP_STATUS, IO, NOT_JSON, BAD_PATH, TIMEOUT, TASK_FAILED;

        @Override
        public String code() {
            return "redfish." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int status;

    public RedfishException(Reason reason, int status, String what, String why, String next) {
        super(reason, what, why, next);
        this.status = status;
    }

    public RedfishException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
        this.status = 0;
    }

    /** The HTTP status for {@link Reason#HTTP_STATUS}, else 0. */
    public int status() { return status; }
}
