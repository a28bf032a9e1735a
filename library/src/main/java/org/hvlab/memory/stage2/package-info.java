/**
 * ARMv8 stage-2 translation as a hypervisor runs it: real descriptors ({@link org.hvlab.memory.stage2.Descriptor},
 * 4 KiB granule, four levels, 48-bit IPA) in emulated host frames ({@link org.hvlab.memory.stage2.Stage2}: map,
 * unmap, protect, one shared read-only frame for a range ({@code PA | 0x77F}), table pages shared between VMs with
 * copy-on-write, and {@link org.hvlab.memory.stage2.Stage2Walk} for display), a software
 * {@link org.hvlab.memory.stage2.Tlb} tagged by VMID that stays stale until invalidated, and the guest access path
 * ({@link org.hvlab.memory.stage2.GuestMemory}) whose faults and MMIO accesses exit to a
 * {@link org.hvlab.memory.stage2.FaultHandler} with a {@link org.hvlab.memory.stage2.Fault} record (ESR_EL2 encoded).
 *
 * <p>Implements the stage-2 side of US11561894B2 (absent PCIe functions read from one shared read-only page
 * without exits; writes take a permission fault and are dropped) and gives US10922253B1 its fault model.
 * Notebook 01 shows it; notebook 02 uses it for the PCIe config space.
 */
package org.hvlab.memory.stage2;
