package org.hvlab.pci;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.hvlab.core.Html;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.core.SimClock;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.S2Ap;

/**
 * A VM's PCI Express configuration space: an {@link EcamWindow} in its IPA space, the present functions of a
 * {@link PciTopology} (the VM's own copy of their state) behind it, and an {@link AbsentFunctionStrategy} for the
 * rest.
 *
 * <p>The window sits on the VM's MMIO bus, so an access to a page stage 2 does not map exits and the device model
 * answers it: present functions always, absent functions under {@code TRAP_AND_EMULATE}. The other strategies map
 * absent functions' pages read-only to 0xFF frames: a read is an ordinary memory access with no exit, a write takes
 * a permission fault and the hypervisor drops it. Guest software reaches config space with {@link #read} and
 * {@link #write} (guest loads and stores) or {@link #enumerate}.
 */
public final class Ecam implements Renderable {
    /** The emulator's wall-time source for {@link #enumerate(EnumerationMode)}: measured, never modelled. */
    public static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    private final GuestMemory memory;
    private final SimClock clock;
    private final EcamWindow window;
    private final PciTopology topology;
    private final AbsentFunctionStrategy strategy;
    private final NoFunctionPage page;
    private final EcamDevice device;
    private final boolean userSpaceVmm;

    private Ecam(Builder b) {
        this.memory = b.memory;
        this.clock = b.clock;
        this.window = b.window;
        this.topology = b.topology;
        this.strategy = b.strategy;
        this.page = b.page;
        this.userSpaceVmm = b.userSpaceVmm;
        this.device = new EcamDevice(window, topology, clock, b.userSpaceVmm);
    }

    /**
     * Starts attaching an ECAM to the VM whose address space is {@code memory} ({@code vm.memory()}); {@code clock}
     * is the host's clock that memory charges ({@code host.clock()}).
     */
    public static Builder builder(GuestMemory memory, SimClock clock) {
        return new Builder(memory, clock);
    }

    /** Settings of an ECAM before it is attached; each is checked when set. */
    public static final class Builder {
        private final GuestMemory memory;
        private final SimClock clock;
        private EcamWindow window = EcamWindow.of(256);
        private PciTopology topology = new PciTopology();
        private AbsentFunctionStrategy strategy = AbsentFunctionStrategy.SHARED_PAGE;
        private NoFunctionPage page;
        private boolean userSpaceVmm;

        private Builder(GuestMemory memory, SimClock clock) {
            this.memory = Objects.requireNonNull(memory, "memory");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Where the window sits and which buses it decodes (default: 256 buses at {@link EcamWindow#DEFAULT_BASE}). */
        public Builder window(EcamWindow w) { this.window = Objects.requireNonNull(w, "window"); return this; }

        /** Buses 0..n-1 at {@link EcamWindow#DEFAULT_BASE}. */
        public Builder buses(int n) { return window(EcamWindow.of(n)); }

        /** The VM's present functions (the ECAM uses this object: give each VM its own, e.g. {@code t.copy()}). */
        public Builder topology(PciTopology t) { this.topology = Objects.requireNonNull(t, "topology"); return this; }

        /** How absent functions are answered (default: {@code SHARED_PAGE}, the patent). */
        public Builder strategy(AbsentFunctionStrategy s) { this.strategy = Objects.requireNonNull(s, "strategy"); return this; }

        /**
         * Whether the device model runs in a user-space VMM (QEMU/KVM, cloud-hypervisor): each emulated access then
         * also pays {@code mmio_exit_user}. Default false: emulated in the hypervisor.
         */
        public Builder userSpaceVmm(boolean userSpace) { this.userSpaceVmm = userSpace; return this; }

        /** The host's one 0xFF page, shared by all its VMs. */
        public Builder noFunctionPage(NoFunctionPage p) {
            if (p.memory() != memory.hostMemory()) {
                throw new PciException(PciException.Reason.ECAM_PLACEMENT, "The 0xFF page belongs to another host's memory",
                        "a VM's stage 2 can only map frames of its own host",
                        "Reserve it with NoFunctionPage.reserve(vm.memory().hostMemory())");
            }
            this.page = p;
            return this;
        }

        /**
         * Places the window on the VM's MMIO bus and maps the absent functions, all or nothing: if the VM maps pages
         * in the window or the host lacks the frames ({@link #framesNeeded()}) nothing changes, and if mapping fails
         * anyway the window is unmapped and taken off the bus before the error is rethrown.
         */
        public Ecam attach() {
            if (page == null) {
                throw new PciException(PciException.Reason.ECAM_PLACEMENT, "No 0xFF page given for the ECAM of " + memory.name(),
                        "every VM of a host shares the host's one page", "Call noFunctionPage(NoFunctionPage.reserve(hostMemory)) once per host");
            }
            for (Bdf bdf : topology.functions().keySet()) {
                if (bdf.segment() != window.segment()) {
                    throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE,
                            "Function " + bdf + " is in PCI segment " + bdf.segment() + " but " + window + " decodes segment " + window.segment(),
                            "one ECAM window decodes one segment (one MCFG entry each), so the function would be unreachable",
                            "Attach one window per segment: topology(t.segment(" + window.segment() + ")) here, and for segment "
                                    + bdf.segment() + " another VM with window(EcamWindow.of(n).inSegment(" + bdf.segment()
                                    + ")).topology(t.segment(" + bdf.segment() + "))");
                }
                if (!window.contains(bdf)) {
                    throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, "Function " + bdf + " is outside " + window,
                            "the guest can only reach functions on the window's buses", "Use a window that reaches bus " + bdf.bus() + ", e.g. buses(" + (bdf.bus() + 1) + ")");
                }
            }
            EcamAttach.check(memory, window, topology, strategy, page);
            Ecam ecam = new Ecam(this);
            String region = "pci-ecam@" + window.base();
            memory.attach(region, window.base(), window.size(), ecam.device);
            try {
                strategy.map(memory.stage2(), window, topology, page);
            } catch (RuntimeException e) {
                try {
                    EcamAttach.rollback(memory, window, region);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            } finally {
                memory.invalidate(window.base(), window.size());
            }
            return ecam;
        }

        /**
         * Host frames {@link #attach()} would take with these settings: 0xFF frames, leaf tables and the stage-2
         * table pages above them that the VM does not have yet. Attach refuses, changing nothing, when the host has
         * fewer free frames.
         */
        public long framesNeeded() {
            if (page == null) return 0;
            return EcamAttach.framesNeeded(memory.stage2(), window, topology, strategy, page);
        }
    }

    public GuestMemory memory() { return memory; }

    public EcamWindow window() { return window; }

    /** The VM's functions (their live config state). */
    public PciTopology topology() { return topology; }

    public AbsentFunctionStrategy strategy() { return strategy; }

    public NoFunctionPage noFunctionPage() { return page; }

    /** Whether emulated accesses go to a user-space VMM (see {@link Builder#userSpaceVmm}). */
    public boolean userSpaceVmm() { return userSpaceVmm; }

    /** A guest config load through the window (may exit). */
    public int read(Bdf bdf, int register, int width) {
        return (int) memory.read(window.address(bdf, register), width);
    }

    /** A guest config store through the window (exits; dropped for absent functions). */
    public void write(Bdf bdf, int register, int width, int value) {
        memory.write(window.address(bdf, register), width, value & 0xffff_ffffL);
    }

    /** Config accesses as the guest makes them: loads and stores in the window. */
    public ConfigAccess guest() {
        return new ConfigAccess() {
            @Override
            public int read(Bdf bdf, int offset, int width) { return Ecam.this.read(bdf, offset, width); }

            @Override
            public void write(Bdf bdf, int offset, int width, int value) { Ecam.this.write(bdf, offset, width, value); }
        };
    }

    /** Enumerates the window as guest software does, timing the emulator with {@link #SYSTEM_TICKER}. */
    public EnumerationResult enumerate(EnumerationMode mode) {
        return enumerate(mode, SYSTEM_TICKER);
    }

    /** Enumerates the window as guest software does; {@code nanoTicker} measures the emulator's wall time. */
    public EnumerationResult enumerate(EnumerationMode mode, LongSupplier nanoTicker) {
        long exits0 = memory.exits();
        long dropped0 = memory.writesDropped();
        long absent0 = device.absentReads + device.absentWrites;
        long present0 = device.presentAccesses;
        long cycles0 = clock.cycles();
        long t0 = nanoTicker.getAsLong();
        Enumerator.Scan scan = Enumerator.scan(guest(), mode, window.segment(), window.firstBus(), window.lastBus());
        long wall = nanoTicker.getAsLong() - t0;
        long cycles = clock.cycles() - cycles0;
        return new EnumerationResult(strategy, mode, window.buses(), scan.functions(), scan.reads(), scan.writes(),
                memory.exits() - exits0, device.absentReads + device.absentWrites - absent0 + memory.writesDropped() - dropped0,
                device.presentAccesses - present0, cycles, clock.toNanos(cycles), wall);
    }

    /**
     * Hot-plugs {@code function} at {@code bdf}: its page is unmapped so its accesses exit to the device model from
     * now on. Under {@code SHARED_LEAF_TABLE} this first gives the VM a private copy of the stretch's leaf table (the
     * shared one, and every other VM, are untouched). Returns this.
     */
    public Ecam plug(Bdf bdf, PciFunction function) {
        Ipa ipa = window.address(bdf, 0);
        topology.add(bdf, function);
        if (strategy.mapsAbsentPages()) memory.unmap(ipa, EcamWindow.FUNCTION_BYTES);
        return this;
    }

    /** Hot-unplugs the function at {@code bdf} and maps its page as the strategy maps absent ones; returns it. */
    public PciFunction unplug(Bdf bdf) {
        Ipa ipa = window.address(bdf, 0);
        PciFunction f = topology.remove(bdf);
        if (strategy == AbsentFunctionStrategy.PER_FUNCTION_PAGES) {
            Pa frame = page.memory().allocateFilled(NoFunctionPage.FILL, true);
            memory.map(ipa, frame, EcamWindow.FUNCTION_BYTES, S2Ap.READ_ONLY);
            page.memory().release(frame);
        } else if (strategy.mapsAbsentPages()) {
            memory.mapShared(ipa, EcamWindow.FUNCTION_BYTES, page.frame());
        }
        return f;
    }

    /** Host memory this VM's window uses (tables and frames; shared ones counted whole for one VM). */
    public EcamFootprint footprint() {
        return EcamFootprint.measure(strategy, List.of(memory.stage2()), window);
    }

    /** The VM's config space as text that {@code lspci -F FILE -vvv} decodes. */
    public String lspciDump() {
        return topology.lspciDump();
    }

    @Override
    public String toText() {
        return window + " in " + memory.name() + ", absent functions: " + strategy
                + (userSpaceVmm ? ", device models in a user-space VMM" : "") + "\n" + topology.toText();
    }

    @Override
    public String toHtml() {
        return "<pre>" + Html.escape(toText()) + "</pre>";
    }

    @Override
    public String toString() {
        return "Ecam[" + memory.name() + ", " + window + ", " + strategy + "]";
    }
}
