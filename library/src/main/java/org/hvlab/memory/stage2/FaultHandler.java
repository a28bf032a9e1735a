package org.hvlab.memory.stage2;

/**
 * Decides what an exit does. {@link #STANDARD} is the hypervisor's policy:
 * <ul>
 *   <li>{@link FaultKind#MMIO}: dispatch to the device on the bus (emulate);</li>
 *   <li>translation fault inside a RAM region: page in on demand (a load maps the shared zero page
 *       copy-on-write, a store a fresh frame), then retry;</li>
 *   <li>permission fault on a store to a copy-on-write page: copy it, then retry;</li>
 *   <li>permission fault on a store to a frame the host marked write-dropping (the shared 0xFF "no function"
 *       page, {@code HostMemory.markDropWrites}): drop it;</li>
 *   <li>anything else: raise a {@code MemoryException} that says what is mapped.</li>
 * </ul>
 * Install another with {@code GuestMemory.onFault(..)}; delegate to {@link #STANDARD} for what you do not handle.
 */
@FunctionalInterface
public interface FaultHandler {

    /** Handles one exit; throws a {@code LabException} to refuse it. */
    Resolution handle(Fault fault, GuestMemory memory);

    /** The hypervisor's standard policy (stateless). */
    FaultHandler STANDARD = (fault, memory) -> switch (fault.kind()) {
        case MMIO -> memory.emulateMmio(fault);
        case TRANSLATION -> {
            if (memory.inRam(fault.ipa())) yield memory.pageIn(fault);
            throw memory.unmapped(fault);
        }
        case PERMISSION -> {
            if (fault.write() && fault.leaf().copyOnWrite()) yield memory.copyOnWrite(fault);
            if (fault.write() && memory.dropsWrites(fault)) yield memory.dropWrite(fault);
            throw memory.denied(fault);
        }
        case ACCESS_FLAG -> memory.setAccessFlag(fault);
    };
}
