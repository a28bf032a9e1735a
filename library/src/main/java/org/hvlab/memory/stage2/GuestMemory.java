package org.hvlab.memory.stage2;

import static org.hvlab.memory.stage2.Descriptor.AF;
import static org.hvlab.memory.stage2.Descriptor.S2AP_R;
import static org.hvlab.memory.stage2.Descriptor.S2AP_W;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.LittleEndian;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.MemoryMap;
import org.hvlab.memory.MmioBus;
import org.hvlab.memory.MmioDevice;
import org.hvlab.memory.MmioRegion;
import org.hvlab.memory.RamRegion;

/**
 * One VM's guest-physical address space as the guest uses it: every load and store goes through the host's
 * {@link Tlb} and this VM's {@link Stage2} tables. A fault or an MMIO access exits to the hypervisor: the exit is
 * counted in the trace, charged from the cost model ({@code vm_exit} plus the handling), and handed to the
 * {@link FaultHandler}. RAM regions are paged in on first touch; MMIO regions sit on the VM's {@link MmioBus}.
 *
 * <p>The mapping methods here ({@link #map}, {@link #unmap}, {@link #protect}, {@link #mapShared}) also invalidate
 * the TLB, as a hypervisor must; changing {@link #stage2()} directly does not. Not thread-safe.
 */
public final class GuestMemory {
    private final String name;
    private final int vmid;
    private final HostMemory mem;
    private final Stage2 s2;
    private final Tlb tlb;
    private final SimClock clock;
    private final Trace trace;
    private final Pa zeroPage;
    private final MmioBus bus;
    private final List<RamRegion> ram = new ArrayList<>();
    private FaultHandler handler = FaultHandler.STANDARD;
    private final long tlbHit;
    private final long walkLevel;
    private final long vmExit;
    private final long stage2Fault;
    private final long pageZero;
    private final long pageCopy;
    private final long mmioEmulate;
    private final long writeDrop;
    private final long tlbi;
    private long vmExits;
    private long pageIns;
    private long cowCopies;
    private long writesDropped;
    private long mmioAccesses;

    /**
     * @param zeroPage a host frame of zeros that read faults in RAM map copy-on-write (each mapping retains it)
     */
    public GuestMemory(String name, int vmid, HostMemory mem, Tlb tlb, SimClock clock, Trace trace, Pa zeroPage) {
        this.name = Objects.requireNonNull(name, "name");
        this.vmid = vmid;
        this.mem = Objects.requireNonNull(mem, "mem");
        this.tlb = Objects.requireNonNull(tlb, "tlb");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.zeroPage = Objects.requireNonNull(zeroPage, "zeroPage");
        CostModel c = clock.costs();
        tlbHit = c.cycles("tlb_hit");
        walkLevel = c.cycles("stage2_walk_level");
        vmExit = c.cycles("vm_exit");
        stage2Fault = c.cycles("stage2_fault");
        pageZero = c.cycles("page_zero");
        pageCopy = c.cycles("page_copy");
        mmioEmulate = c.cycles("mmio_emulate");
        writeDrop = c.cycles("write_drop");
        tlbi = c.cycles("tlbi");
        this.s2 = new Stage2(mem, vmid, name, trace);
        this.bus = new MmioBus(name);
    }

    public String name() { return name; }

    public int vmid() { return vmid; }

    public Stage2 stage2() { return s2; }

    public Tlb tlb() { return tlb; }

    public MmioBus mmio() { return bus; }

    public HostMemory hostMemory() { return mem; }

    public List<RamRegion> ramRegions() { return List.copyOf(ram); }

    /** The handler exits go to ({@link FaultHandler#STANDARD} unless replaced). */
    public FaultHandler faultHandler() { return handler; }

    /** Replaces the fault handler; returns this. */
    public GuestMemory onFault(FaultHandler h) {
        this.handler = Objects.requireNonNull(h, "handler");
        return this;
    }

    // ---- the address map ----

    /** Adds guest RAM at {@code [base, base + size)}, paged in on first touch. */
    public RamRegion addRam(String regionName, Ipa base, ByteSize size) {
        RamRegion r = new RamRegion(regionName, base, size);
        checkFree(regionName, base, size);
        ram.add(r);
        ram.sort(Comparator.comparing(RamRegion::base));
        trace.event("ram_add", name, regionName + " " + r.range());
        return r;
    }

    /** Puts {@code device} on the bus at {@code [base, base + size)}; accesses there exit and are emulated. */
    public MmioRegion attach(String regionName, Ipa base, ByteSize size, MmioDevice device) {
        for (RamRegion r : ram) {
            if (r.overlaps(base, size)) throw overlap(regionName, base, size, "RAM '" + r.name() + "' " + r.range());
        }
        MmioRegion m = bus.register(regionName, base, size, device);
        trace.event("mmio_attach", name, m.toString());
        return m;
    }

    private void checkFree(String regionName, Ipa base, ByteSize size) {
        for (RamRegion r : ram) {
            if (r.overlaps(base, size)) throw overlap(regionName, base, size, "RAM '" + r.name() + "' " + r.range());
        }
        Optional<MmioRegion> m = bus.overlapping(base, size);
        if (m.isPresent()) throw overlap(regionName, base, size, "MMIO " + m.get());
    }

    private MemoryException overlap(String regionName, Ipa base, ByteSize size, String other) {
        return new MemoryException(MemoryException.Reason.REGION_OVERLAP,
                "region '" + regionName + "' [" + base + ".." + base.offset(size.bytes() - 1) + "] overlaps " + other
                        + " in " + name, "the regions of a VM never overlap",
                "Pick another base, or look at vm.memoryMap()");
    }

    /** True when {@code ipa} is inside a RAM region. */
    public boolean inRam(Ipa ipa) {
        for (RamRegion r : ram) if (r.contains(ipa)) return true;
        return false;
    }

    /** Maps {@code [ipa, ipa + size)} to frames from {@code pa} and invalidates the TLB for the range. */
    public void map(Ipa ipa, Pa pa, ByteSize size, S2Ap ap) {
        s2.map(ipa, pa, size, ap);
        invalidate(ipa, size);
    }

    /** Maps every page of the range to one read-only frame ({@code PA | 0x77F}) and invalidates the TLB. */
    public void mapShared(Ipa ipa, ByteSize size, Pa frame) {
        s2.mapShared(ipa, size, frame);
        invalidate(ipa, size);
    }

    /** Unmaps the range and invalidates the TLB for it. */
    public void unmap(Ipa ipa, ByteSize size) {
        s2.unmap(ipa, size);
        invalidate(ipa, size);
    }

    /** Changes permissions on the range and invalidates the TLB for it. */
    public void protect(Ipa ipa, ByteSize size, S2Ap ap) {
        s2.protect(ipa, size, ap);
        invalidate(ipa, size);
    }

    /** Invalidates this VM's TLB entries for the range (charged as one {@code tlbi}). */
    public void invalidate(Ipa ipa, ByteSize size) {
        tlb.invalidate(vmid, ipa, size);
        clock.advanceCycles(tlbi);
    }

    public Stage2Walk walk(Ipa ipa) { return s2.walk(ipa); }

    /** The address map as a tree (RAM, MMIO, other stage-2 mappings). */
    public MemoryMap memoryMap() { return MemoryMaps.of(this); }

    /** Releases the stage-2 tables and every frame they map, and drops this VM's TLB entries. */
    public void destroy() {
        s2.destroy();
        tlb.invalidateVmid(vmid);
    }

    // ---- guest accesses: the hot path ----

    /** A guest load of 1, 2, 4 or 8 bytes (naturally aligned), zero-extended. */
    public long read(Ipa ipa, int size) {
        long a = ipa.value();
        if ((size != 8 && size != 4 && size != 2 && size != 1) || (a & (size - 1)) != 0) throw badAccess(ipa, size);
        long page = a >>> 12;
        Tlb t = tlb;
        int i = t.index(vmid, page);
        if (t.tags[i] == Tlb.tag(vmid, page) && (t.descs[i] & S2AP_R) != 0) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
                clock.advanceCycles(tlbHit);
                return LittleEndian.get(d, (int) (a & 0xFFF), size);
            }
        }
        return access(a, size, false, 0);
    }

    /** A guest 8-byte load (8-byte aligned). */
    public long readLong(Ipa ipa) {
        long a = ipa.value();
        long page = a >>> 12;
        Tlb t = tlb;
        int i = t.index(vmid, page);
        if ((a & 7) == 0 && t.tags[i] == Tlb.tag(vmid, page) && (t.descs[i] & S2AP_R) != 0) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
                clock.advanceCycles(tlbHit);
                return LittleEndian.getLong(d, (int) (a & 0xFFF));
            }
        }
        return read(ipa, 8);
    }

    /** A guest store of the low {@code size} bytes of {@code value} (1, 2, 4 or 8, naturally aligned). */
    public void write(Ipa ipa, int size, long value) {
        long a = ipa.value();
        if ((size != 8 && size != 4 && size != 2 && size != 1) || (a & (size - 1)) != 0) throw badAccess(ipa, size);
        long page = a >>> 12;
        Tlb t = tlb;
        int i = t.index(vmid, page);
        if (t.tags[i] == Tlb.tag(vmid, page) && (t.descs[i] & S2AP_W) != 0) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
                clock.advanceCycles(tlbHit);
                LittleEndian.put(d, (int) (a & 0xFFF), size, value);
                return;
            }
        }
        access(a, size, true, LittleEndian.truncate(value, size));
    }

    public void writeLong(Ipa ipa, long value) { write(ipa, 8, value); }

    /** {@code length} bytes from {@code ipa} (may cross pages and regions), one page at a time. */
    public byte[] readBytes(Ipa ipa, int length) {
        if (length < 0) throw badAccess(ipa, length);
        ipa.offset(length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = ipa.value() + done;
            int n = Math.min(length - done, 4096 - (int) (a & 0xFFF));
            out[done] = (byte) read(Ipa.of(a), 1);
            byte[] frame = cachedFrame(a, false);
            if (frame != null) {
                System.arraycopy(frame, (int) (a & 0xFFF) + 1, out, done + 1, n - 1);
                t(n - 1);
            } else if (unbackedReadable(a)) {
                t(n - 1);
            } else {
                for (int k = 1; k < n; k++) out[done + k] = (byte) read(Ipa.of(a + k), 1);
            }
            done += n;
        }
        return out;
    }

    /** Writes {@code bytes} from {@code ipa} (may cross pages and regions), one page at a time. */
    public void writeBytes(Ipa ipa, byte[] bytes) {
        ipa.offset(bytes.length);
        int done = 0;
        while (done < bytes.length) {
            long a = ipa.value() + done;
            int n = Math.min(bytes.length - done, 4096 - (int) (a & 0xFFF));
            write(Ipa.of(a), 1, bytes[done]);
            byte[] frame = cachedFrame(a, true);
            if (frame != null) {
                System.arraycopy(bytes, done + 1, frame, (int) (a & 0xFFF) + 1, n - 1);
                t(n - 1);
            } else {
                for (int k = 1; k < n; k++) write(Ipa.of(a + k), 1, bytes[done + k]);
            }
            done += n;
        }
    }

    /** Charges {@code n} more TLB-hit byte accesses done as one copy. */
    private void t(int n) {
        tlb.hits += n;
        clock.advanceCycles(tlbHit * n);
    }

    /** True when the TLB maps {@code a} readable to a host frame never written (it reads as zeros). */
    private boolean unbackedReadable(long a) {
        long page = a >>> 12;
        int i = tlb.index(vmid, page);
        if (tlb.tags[i] != Tlb.tag(vmid, page) || (tlb.descs[i] & S2AP_R) == 0) return false;
        Pa frame = Pa.of(tlb.pas[i]);
        return mem.contains(frame) && mem.frameData(frame) == null;
    }

    private byte[] cachedFrame(long a, boolean write) {
        long page = a >>> 12;
        int i = tlb.index(vmid, page);
        if (tlb.tags[i] != Tlb.tag(vmid, page)) return null;
        if ((tlb.descs[i] & (write ? S2AP_W : S2AP_R)) == 0) return null;
        return tlb.data[i];
    }

    // ---- the slow path: TLB miss, walk, exits ----

    private long access(long a, int size, boolean write, long value) {
        if (a >= (1L << Stage2.IPA_BITS)) {
            throw new MemoryException(MemoryException.Reason.IPA_RANGE, "IPA " + Ipa.of(a) + " in " + name
                    + " is beyond the 48-bit stage-2 input range", "stage 2 translates IPAs below 2^48",
                    "Look at vm.memoryMap()");
        }
        long page = a >>> 12;
        for (int attempt = 0; attempt < 4; attempt++) {
            int i = tlb.index(vmid, page);
            long desc;
            long pa;
            int level = 3;
            if (tlb.tags[i] == Tlb.tag(vmid, page)) {
                tlb.hits++;
                clock.advanceCycles(tlbHit);
                desc = tlb.descs[i];
                pa = tlb.pas[i];
            } else {
                tlb.misses++;
                desc = s2.lookup(a);
                level = s2.lastLevel;
                clock.advanceCycles(walkLevel * (level + 1));
                if (desc == 0) {
                    boolean mmio = bus.find(Ipa.of(a)).isPresent();
                    Fault f = new Fault(name, Ipa.of(a), size, write, value, level,
                            mmio ? FaultKind.MMIO : FaultKind.TRANSLATION, 0);
                    Resolution r = exit(f);
                    if (r.action() == Resolution.Action.RETRY) continue;
                    return finish(r, size);
                }
                if ((desc & AF) == 0) {
                    Resolution r = exit(new Fault(name, Ipa.of(a), size, write, value, level, FaultKind.ACCESS_FLAG,
                            desc));
                    if (r.action() == Resolution.Action.RETRY) continue;
                    return finish(r, size);
                }
                pa = Stage2.output(desc, level, a & ~0xFFFL);
                tlb.fill(vmid, page, desc, pa, mem.contains(Pa.of(pa)) ? mem.frameData(Pa.of(pa)) : null);
            }
            if ((desc & (write ? S2AP_W : S2AP_R)) == 0) {
                Resolution r = exit(new Fault(name, Ipa.of(a), size, write, value, level, FaultKind.PERMISSION, desc));
                if (r.action() == Resolution.Action.RETRY) continue;
                return finish(r, size);
            }
            Pa frame = Pa.of(pa);
            if (!mem.contains(frame)) {
                throw new MemoryException(MemoryException.Reason.UNMAPPED, "IPA " + Ipa.of(a) + " in " + name
                        + " maps to PA " + frame + " outside host memory",
                        "only host RAM " + mem.base() + ".." + mem.limit() + " is modelled behind stage 2",
                        "Attach a device with vm.attach(..) instead of mapping a physical address outside RAM");
            }
            int off = (int) (a & 0xFFF);
            if (write) {
                byte[] d = mem.frameDataForWrite(frame);
                LittleEndian.put(d, off, size, value);
                if (tlb.tags[i] == Tlb.tag(vmid, page)) tlb.data[i] = d;
                return 0;
            }
            byte[] d = mem.frameData(frame);
            if (d != null && tlb.tags[i] == Tlb.tag(vmid, page)) tlb.data[i] = d;
            return d == null ? 0 : LittleEndian.get(d, off, size);
        }
        throw new MemoryException(MemoryException.Reason.PERMISSION, "the access at " + Ipa.of(a) + " in " + name
                + " still faults after 4 attempts", "the fault handler returned retry without fixing the mapping",
                "Make the handler map the page, or return emulated(..) or dropped()");
    }

    private static long finish(Resolution r, int size) {
        return r.action() == Resolution.Action.EMULATED ? LittleEndian.truncate(r.value(), size) : 0;
    }

    private Resolution exit(Fault f) {
        vmExits++;
        clock.advanceCycles(vmExit);
        trace.event("vm_exit", name, f.toString());
        return handler.handle(f, this);
    }

    // ---- standard actions, for fault handlers ----

    /** Dispatches the access to the device that claims the IPA. */
    public Resolution emulateMmio(Fault f) {
        MmioRegion r = bus.find(f.ipa()).orElseThrow(() -> unmapped(f));
        mmioAccesses++;
        clock.advanceCycles(mmioEmulate);
        trace.count(f.write() ? "mmio_write" : "mmio_read");
        if (f.write()) {
            bus.write(f.ipa(), f.size(), f.value());
            return Resolution.emulated(0);
        }
        return Resolution.emulated(bus.read(f.ipa(), f.size()));
    }

    /** Pages in RAM: a load maps the zero page copy-on-write, a store maps a fresh frame; then retry. */
    public Resolution pageIn(Fault f) {
        clock.advanceCycles(stage2Fault);
        pageIns++;
        trace.count("page_in");
        Ipa page = f.ipa().pageBase();
        if (f.write()) {
            Pa frame = mem.allocate();
            clock.advanceCycles(pageZero);
            s2.remap(page, Descriptor.page(frame, S2Ap.READ_WRITE));
            mem.release(frame);
        } else {
            s2.remap(page, Descriptor.page(zeroPage, S2Ap.READ_ONLY, MemAttr.NORMAL_WB, true));
        }
        return Resolution.retry();
    }

    /** Gives the page a private writable frame (copying a shared one), invalidates the TLB entry; then retry. */
    public Resolution copyOnWrite(Fault f) {
        clock.advanceCycles(stage2Fault);
        Ipa page = f.ipa().pageBase();
        Pa old = f.leaf().outputAddress();
        if (!old.equals(zeroPage) && mem.refCount(old) == 1) {
            s2.remap(page, Descriptor.page(old, S2Ap.READ_WRITE));
        } else {
            Pa copy = mem.copy(old);
            clock.advanceCycles(pageCopy);
            cowCopies++;
            trace.count("cow_copy");
            s2.remap(page, Descriptor.page(copy, S2Ap.READ_WRITE));
            mem.release(copy);
        }
        invalidate(page, ByteSize.PAGE);
        return Resolution.retry();
    }

    /** Discards a store (the guest's PC moves past it). */
    public Resolution dropWrite(Fault f) {
        clock.advanceCycles(writeDrop);
        writesDropped++;
        trace.count("write_dropped");
        return Resolution.dropped();
    }

    /** Sets the access flag of the faulting page; then retry. */
    public Resolution setAccessFlag(Fault f) {
        clock.advanceCycles(stage2Fault);
        if (f.level() != 3) throw denied(f);
        s2.remap(f.ipa().pageBase(), new Descriptor(f.descriptor() | AF));
        invalidate(f.ipa().pageBase(), ByteSize.PAGE);
        return Resolution.retry();
    }

    /** The error for an IPA nothing covers. */
    public MemoryException unmapped(Fault f) {
        String rams = ram.isEmpty() ? name + " has no RAM"
                : "RAM is " + ram.stream().map(RamRegion::range).collect(Collectors.joining(", "));
        return new MemoryException(MemoryException.Reason.UNMAPPED,
                "IPA " + f.ipa() + " is not mapped in " + name, rams,
                "Map it with vm.map(..) or look at vm.memoryMap()");
    }

    /** The error for an access the permissions forbid. */
    public MemoryException denied(Fault f) {
        return new MemoryException(MemoryException.Reason.PERMISSION,
                (f.write() ? "a write to " : "a read of ") + "IPA " + f.ipa() + " in " + name + " is not permitted",
                "its stage-2 page is " + f.leaf().s2ap() + (f.kind() == FaultKind.ACCESS_FLAG ? " without AF" : ""),
                "Change it with vm.protect(..) or look at vm.stage2().walk(ipa)");
    }

    private MemoryException badAccess(Ipa ipa, int size) {
        if (size != 8 && size != 4 && size != 2 && size != 1) {
            return new MemoryException(MemoryException.Reason.BAD_SIZE, "a guest access of " + size + " bytes at "
                    + ipa + " in " + name, "single accesses are 1, 2, 4 or 8 bytes",
                    "Use readBytes/writeBytes for other lengths");
        }
        return new MemoryException(MemoryException.Reason.MISALIGNED, "a " + size + "-byte guest access at " + ipa
                + " in " + name + " is misaligned", "a " + size + "-byte access starts on a multiple of " + size,
                "Use " + ipa.alignDown(ByteSize.ofBytes(size)) + ", or readBytes/writeBytes for unaligned ranges");
    }

    // ---- statistics ----

    public long exits() { return vmExits; }

    public long pageIns() { return pageIns; }

    public long cowCopies() { return cowCopies; }

    public long writesDropped() { return writesDropped; }

    public long mmioAccesses() { return mmioAccesses; }

    @Override
    public String toString() {
        return "GuestMemory[" + name + ", VMID " + vmid + ", " + s2.mappedPages() + " pages mapped, " + vmExits
                + " exits]";
    }
}
