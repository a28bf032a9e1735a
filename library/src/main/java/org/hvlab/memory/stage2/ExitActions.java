package org.hvlab.memory.stage2;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MmioBus;
import org.hvlab.memory.MmioRegion;

/** The hypervisor's standard responses to an exit, with what they cost and how often they ran. */
final class ExitActions {
    private final GuestMemory g;
    private final HostMemory mem;
    private final Stage2 s2;
    private final SimClock clock;
    private final Trace trace;
    private final ExitCosts costs;
    private final Pa zeroPage;
    private final MmioBus bus;
    long pageIns;
    long cowCopies;
    long writesDropped;
    long mmioAccesses;

    ExitActions(GuestMemory g, HostMemory mem, Stage2 s2, SimClock clock, Trace trace, ExitCosts costs, Pa zeroPage,
                MmioBus bus) {
        this.g = g;
        this.mem = mem;
        this.s2 = s2;
        this.clock = clock;
        this.trace = trace;
        this.costs = costs;
        this.zeroPage = zeroPage;
        this.bus = bus;
    }

    Resolution emulateMmio(Fault f) {
        MmioRegion r = bus.find(f.ipa()).orElseThrow(() -> g.unmapped(f));
        mmioAccesses++;
        clock.advanceCycles(costs.mmioEmulate());
        trace.count(f.write() ? "mmio_write" : "mmio_read");
        if (f.write()) {
            bus.write(f.ipa(), f.size(), f.value());
            return Resolution.emulated(0);
        }
        return Resolution.emulated(bus.read(f.ipa(), f.size()));
    }

    Resolution pageIn(Fault f) {
        clock.advanceCycles(costs.stage2Fault());
        pageIns++;
        trace.count("page_in");
        Ipa page = f.ipa().pageBase();
        if (f.write()) {
            Pa frame = mem.allocate();
            clock.advanceCycles(costs.pageZero());
            s2.remap(page, Descriptor.page(frame, S2Ap.READ_WRITE));
            mem.release(frame);
        } else {
            s2.remap(page, Descriptor.page(zeroPage, S2Ap.READ_ONLY, MemAttr.NORMAL_WB, true));
        }
        return Resolution.retry();
    }

    Resolution copyOnWrite(Fault f) {
        clock.advanceCycles(costs.stage2Fault());
        Ipa page = f.ipa().pageBase();
        Pa old = f.leaf().outputAddress();
        if (!old.equals(zeroPage) && mem.refCount(old) == 1 && !mem.isReadOnly(old)) {
            s2.remap(page, Descriptor.page(old, S2Ap.READ_WRITE));
        } else {
            Pa copy = mem.copy(old);
            clock.advanceCycles(costs.pageCopy());
            cowCopies++;
            trace.count("cow_copy");
            s2.remap(page, Descriptor.page(copy, S2Ap.READ_WRITE));
            mem.release(copy);
        }
        g.invalidate(page, ByteSize.PAGE);
        return Resolution.retry();
    }

    Resolution dropWrite(Fault f) {
        clock.advanceCycles(costs.writeDrop());
        writesDropped++;
        trace.count("write_dropped");
        return Resolution.dropped();
    }

    Resolution setAccessFlag(Fault f) {
        clock.advanceCycles(costs.stage2Fault());
        if (f.level() != 3) throw g.denied(f);
        s2.remap(f.ipa().pageBase(), new Descriptor(f.descriptor() | Descriptor.AF));
        g.invalidate(f.ipa().pageBase(), ByteSize.PAGE);
        return Resolution.retry();
    }
}
