package org.hvlab.cli;

import org.hvlab.core.LabException;

/** A command-line failure: a missing tool, a failed stage, a bad argument value. */
public class CliException extends LabException {
    private static final long serialVersionUID = 1L;

    enum Reason implements LabException.Reason {
        FAILED;
        @Override public String code() { return "cli.failed"; }
    }

    public CliException(String what, String why, String next) {
        super(Reason.FAILED, what, why, next);
    }
}
