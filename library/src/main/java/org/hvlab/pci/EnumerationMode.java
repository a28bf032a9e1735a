package org.hvlab.pci;

/** How guest software discovers the functions behind an ECAM window. */
public enum EnumerationMode {
    /**
     * As Linux's {@code pci_scan_child_bus} does: the vendor/device dword of function 0 of each device, the header
     * type's multi-function bit before functions 1-7, class and BAR sizing and a capability walk for each present
     * function, then depth-first into each bridge's secondary bus.
     */
    OS_SCAN,
    /** Every function of every bus in the window, as some firmware does: one vendor/device read each. */
    BRUTE_FORCE
}
