package org.hvlab.pci;

import org.hvlab.memory.stage2.Stage2;

/**
 * What a VM's stage 2 maps at the ECAM pages of functions that are not there. Present functions' pages are never
 * mapped, so their accesses exit to the device model. {@link AbsentFunctionStrategy} names the four policies.
 */
public interface AbsentFunctionMapping {

    /** Maps the absent functions of {@code window} (those not in {@code topology}) into {@code stage2}. */
    void map(Stage2 stage2, EcamWindow window, PciTopology topology, NoFunctionPage page);
}
