package org.hvlab.pci;

/** The error every capability record raises for a value its layout cannot hold. */
final class CapabilityErrors {
    private CapabilityErrors() {}

    static PciException invalid(String what, String why, String next) {
        return new PciException(PciException.Reason.CAPABILITY, what, why, next);
    }
}
