package org.hvlab.pci;

import org.hvlab.core.SimClock;
import org.hvlab.memory.MmioDevice;

/**
 * The device model behind a VM's ECAM window on its MMIO bus: decodes the offset into function and register and
 * lets the function's config space answer. It is reached only on exits: present functions' pages are never
 * mapped, and absent ones are answered here (all ones, writes dropped) only when the strategy left them unmapped.
 */
final class EcamDevice implements MmioDevice {
    private final EcamWindow window;
    private final PciTopology topology;
    private final SimClock clock;
    private final long userSpaceCycles;
    long absentReads;
    long absentWrites;
    long presentAccesses;

    /** @param userSpace the device model runs in a user-space VMM: each access also pays {@code mmio_exit_user} */
    EcamDevice(EcamWindow window, PciTopology topology, SimClock clock, boolean userSpace) {
        this.window = window;
        this.topology = topology;
        this.clock = clock;
        this.userSpaceCycles = userSpace ? clock.costs().cycles("mmio_exit_user") : 0;
    }

    @Override
    public long read(long offset, int size) {
        clock.advanceCycles(userSpaceCycles);
        PciFunction f = topology.functions().get(window.functionAtOffset(offset));
        int register = (int) (offset & 0xfff);
        if (f == null) {
            absentReads++;
            return size == 8 ? -1L : (1L << (8 * size)) - 1;
        }
        presentAccesses++;
        if (size == 8) {
            return (f.read(register, 4) & 0xffff_ffffL) | (long) f.read(register + 4, 4) << 32;
        }
        return f.read(register, size) & 0xffff_ffffL;
    }

    @Override
    public void write(long offset, int size, long value) {
        clock.advanceCycles(userSpaceCycles);
        PciFunction f = topology.functions().get(window.functionAtOffset(offset));
        int register = (int) (offset & 0xfff);
        if (f == null) {
            absentWrites++;
            return;
        }
        presentAccesses++;
        if (size == 8) {
            f.write(register, 4, (int) value);
            f.write(register + 4, 4, (int) (value >>> 32));
        } else {
            f.write(register, size, (int) value);
        }
    }
}
