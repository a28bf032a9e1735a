package org.hvlab.kernel.magics;

import org.hvlab.kernel.execution.CellResult;

/** Carries a failed cell result out of a line magic that ran code ({@code %load}, {@code %time}). */
public final class CellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CellResult.Failed failed;

    CellFailure(CellResult.Failed failed) {
        super(failed.evalue(), null, false, false);
        this.failed = failed;
    }

    public CellResult.Failed failed() {
        return failed;
    }
}
