package org.hvlab.pci;

import org.hvlab.core.LabException;

/** A PCI configuration-space or topology error; {@link #reason()} tells which. */
public class PciException extends LabException {
    private static final long serialVersionUID = 1L;

    /** Why a PCI operation was refused. */
    public enum Reason implements LabException.Reason {
        BDF_OUT_OF_RANGE, BDF_SYNTAX, DUPLICATE_FUNCTION, BAR_SIZE, BAR_ADDRESS, BAR_INDEX, LSPCI_DUMP_SYNTAX, LSPCI_DUMP_IO,
        REGISTER_RANGE, NO_SUCH_FUNCTION, HEADER_TYPE, FUNCTION_ID, ECAM_PLACEMENT, EXPERIMENT,
        CAPABILITY;

        @Override
        public String code() {
            return "pci." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PciException(Reason reason, String what, String why, String next) {
        super(reason, what, why, next);
    }
}
