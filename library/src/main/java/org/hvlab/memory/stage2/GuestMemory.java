package org.hvlab.memory.stage2;

import java.util.List;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.AddressMap;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.LittleEndian;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.MemoryMap;
import org.hvlab.memory.MmioBus;
import org.hvlab.memory.MmioDevice;
import org.hvlab.memory.MmioRegion;
import org.hvlab.memory.RamRegion;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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
    private final AddressMap regions;
    private final MmioBus bus;
    private final long salt;
    private final long tagBase;
    private FaultHandler handler = FaultHandler.STANDARD;
    private final ExitCosts costs;
    private final ExitActions actions;
    private final MissPath miss;

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
        this.costs = ExitCosts.of(clock.costs());
        // TLB hits are charged by counting them: the hot path bumps the TLB's counter only
        long perHit = costs.tlbHit();
        clock.meter(tlb, () -> tlb.hits * perHit);
        this.s2 = new Stage2(mem, vmid, name, trace);
        this.regions = new AddressMap(name);
        this.bus = regions.mmio();
        this.salt = Tlb.salt(vmid);
        this.tagBase = Tlb.tag(vmid, 0);
        this.actions = new ExitActions(this, mem, s2, clock, trace, costs, zeroPage, bus);
        this.miss = new MissPath(this, mem, s2, tlb, clock, trace, costs, bus);
    }

    public String name() { return name; }

    public int vmid() { return vmid; }

    public Stage2 stage2() { return s2; }

    public Tlb tlb() { return tlb; }

    public MmioBus mmio() { return bus; }

    public HostMemory hostMemory() { return mem; }

    public List<RamRegion> ramRegions() { return regions.ram(); }

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
        RamRegion r = regions.addRam(regionName, base, size);
        trace.event("ram_add", name, regionName + " " + r.range());
        return r;
    }

    /** Puts {@code device} on the bus at {@code [base, base + size)}; accesses there exit and are emulated. */
    public MmioRegion attach(String regionName, Ipa base, ByteSize size, MmioDevice device) {
        MmioRegion m = regions.attach(regionName, base, size, device);
        trace.event("mmio_attach", name, m.toString());
        return m;
    }

    /** True when {@code ipa} is inside a RAM region. */
    public boolean inRam(Ipa ipa) { return regions.inRam(ipa); }

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

    /** Maps the range copy-on-write to frames from {@code pa} and invalidates the TLB for it. */
    public void mapCopyOnWrite(Ipa ipa, Pa pa, ByteSize size) {
        s2.mapCopyOnWrite(ipa, pa, size);
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
        clock.advanceCycles(costs.tlbi());
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
        int i = (int) ((page ^ salt) & t.mask);
        if (t.readTags[i] == (tagBase | page)) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
                return LittleEndian.get(d, (int) (a & 0xFFF), size);
            }
        }
        return miss.access(a, size, false, 0);
    }

    /** A guest 8-byte load (8-byte aligned). */
    public long readLong(Ipa ipa) {
        long a = ipa.value();
        long page = a >>> 12;
        Tlb t = tlb;
        int i = (int) ((page ^ salt) & t.mask);
        if ((a & 7) == 0 && t.readTags[i] == (tagBase | page)) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
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
        int i = (int) ((page ^ salt) & t.mask);
        if (t.writeTags[i] == (tagBase | page)) {
            byte[] d = t.data[i];
            if (d != null) {
                t.hits++;
                LittleEndian.put(d, (int) (a & 0xFFF), size, value);
                return;
            }
        }
        miss.access(a, size, true, LittleEndian.truncate(value, size));
    }

    public void writeLong(Ipa ipa, long value) { write(ipa, 8, value); }

    /** {@code length} bytes from {@code ipa} (may cross pages and regions), one page at a time. */
    public byte[] readBytes(Ipa ipa, int length) {
        if (length < 0) throw badAccess(ipa, length);
        return ByteRanges.read(this, ipa, length);
    }

    /** Writes {@code bytes} from {@code ipa} (may cross pages and regions), one page at a time. */
    public void writeBytes(Ipa ipa, byte[] bytes) { ByteRanges.write(this, ipa, bytes); }

    /** Charges {@code n} more TLB-hit byte accesses done as one copy. */
    void chargeHits(int n) {
        tlb.hits += n;
    }

    /** True when the TLB maps {@code a} readable to a host frame never written (it reads as zeros). */
    boolean unbackedReadable(long a) {
        long page = a >>> 12;
        int i = tlb.index(vmid, page);
        if (tlb.readTags[i] != Tlb.tag(vmid, page)) return false;
        Pa frame = Pa.of(tlb.pas[i]);
        return mem.contains(frame) && mem.frameData(frame) == null;
    }

    /** The frame storage the TLB holds for {@code a} with the permission needed, or null. */
    byte[] cachedFrame(long a, boolean write) {
        long page = a >>> 12;
        int i = tlb.index(vmid, page);
        return (write ? tlb.writeTags[i] : tlb.readTags[i]) == Tlb.tag(vmid, page) ? tlb.data[i] : null;
    }

    // ---- standard actions, for fault handlers ----

    /** Dispatches the access to the device that claims the IPA. */
    public Resolution emulateMmio(Fault f) { return actions.emulateMmio(f); }

    /** Pages in RAM: a load maps the zero page copy-on-write, a store maps a fresh frame; then retry. */
    public Resolution pageIn(Fault f) { return actions.pageIn(f); }

    /** Gives the page a private writable frame (copying a shared one), invalidates the TLB entry; then retry. */
    public Resolution copyOnWrite(Fault f) { return actions.copyOnWrite(f); }

    /** Discards a store (the guest's PC moves past it). */
    public Resolution dropWrite(Fault f) { return actions.dropWrite(f); }

    /** True when the fault's leaf maps a host frame marked write-dropping ({@link HostMemory#markDropWrites}). */
    public boolean dropsWrites(Fault f) {
        if (f.descriptor() == 0) return false;
        Pa frame = f.leaf().outputAddress().pageBase();
        return mem.contains(frame) && mem.dropsWrites(frame);
    }

    /** Sets the access flag of the faulting page; then retry. */
    public Resolution setAccessFlag(Fault f) { return actions.setAccessFlag(f); }

    /** The error for an IPA nothing covers. */
    public MemoryException unmapped(Fault f) {
        return new MemoryException(MemoryException.Reason.UNMAPPED,
                "IPA " + f.ipa() + " is not mapped in " + name, regions.describeRam(),
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

    public long exits() { return miss.exits; }

    public long pageIns() { return actions.pageIns; }

    public long cowCopies() { return actions.cowCopies; }

    public long writesDropped() { return actions.writesDropped; }

    public long mmioAccesses() { return actions.mmioAccesses; }

    /** This VM's exit statistics: counter, value. */
    public Table stats() {
        StringColumn n = StringColumn.create("counter");
        LongColumn v = LongColumn.create("value");
        String[] names = {"exits", "page_ins", "cow_copies", "writes_dropped", "mmio_accesses", "pages_mapped"};
        long[] values = {exits(), pageIns(), cowCopies(), writesDropped(), mmioAccesses(), s2.mappedPages()};
        for (int i = 0; i < names.length; i++) {
            n.append(names[i]);
            v.append(values[i]);
        }
        return Table.create("stats " + name, n, v);
    }

    @Override
    public String toString() {
        return "GuestMemory[" + name + ", VMID " + vmid + ", " + s2.mappedPages() + " pages mapped, " + exits()
                + " exits]";
    }
}
