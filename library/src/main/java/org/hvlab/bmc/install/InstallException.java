package org.hvlab.bmc.install;

import org.hvlab.core.LabException;

/** An installer or capsule-server error; {@link #reason()} tells which. */
public class InstallException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why the installer stopped. */
    public enum Reason implements LabException.Reason {
        SERVER_START, BAD_SETTING, PUBLISH, NO_DPUS, LISTING;

        @Override
        public String code() {
            return "install." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public InstallException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public InstallException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }
}
