package org.hvlab.core;

/** The {@link LabException} of {@code org.hvlab.core}: units, addresses, datasets, cost model, trace. */
public final class CoreException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a core operation was refused. */
    public enum Reason implements LabException.Reason {
        /** An address left the architectural 52-bit range or went negative. */
        ADDRESS_RANGE("core.address_range"),
        /** A size or alignment was not what the operation needs (negative, zero, not a power of two). */
        BAD_SIZE("core.bad_size"),
        /** A text value (size, number) could not be parsed. */
        PARSE("core.parse"),
        /** A dataset file was not found or is malformed. */
        DATASET("core.dataset"),
        /** The cost model has no such operation. */
        UNKNOWN_OPERATION("core.unknown_operation"),
        /** No platform with that id in the catalog. */
        UNKNOWN_PLATFORM("core.unknown_platform"),
        /** A trace or clock setting is out of range. */
        BAD_SETTING("core.bad_setting");

        private final String code;

        Reason(String code) { this.code = code; }

        @Override public String code() { return code; }
    }

    public CoreException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public CoreException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }
}
