package org.hvlab.core;

/** The {@link LabException} of {@code org.hvlab.core}: units, addresses, datasets, cost model, trace. */
public final class CoreException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a core operation was refused. Codes are {@code core.<name>}, e.g. {@code core.unknown_platform}. */
    public enum Reason implements LabException.Reason {
        /** An address left the architectural 52-bit range or went negative. */
        ADDRESS_RANGE,
        /** A size or alignment was not what the operation needs (negative, zero, not a power of two). */
        BAD_SIZE,
        /** A text value (size, number) could not be parsed. */
        PARSE,
        /** A dataset file was not found or is malformed. */
        DATASET,
        /** The cost model has no such operation. */
        UNKNOWN_OPERATION,
        /** No platform with that id in the catalog. */
        UNKNOWN_PLATFORM,
        /** A trace or clock setting is out of range. */
        BAD_SETTING;

        @Override public String code() { return LabException.Reason.code("core", this); }
    }

    public CoreException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }

    public CoreException(Reason reason, String what, String why, String next, Throwable cause) {
        super(reason, what, why, next, cause);
    }
}
