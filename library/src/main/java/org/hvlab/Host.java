package org.hvlab;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hvlab.bmc.Bmc;
import org.hvlab.bmc.HostDescription;
import org.hvlab.bmc.install.Installer;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Datasets;
import org.hvlab.core.Html;
import org.hvlab.core.HtmlTable;
import org.hvlab.core.Platform;
import org.hvlab.core.Provenance;
import org.hvlab.core.Renderable;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.dpu.Dpu;
import org.hvlab.dpu.DpuImageCatalog;
import org.hvlab.dpu.Dpus;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MmioRegion;
import org.hvlab.pci.Bdf;
import org.hvlab.pci.Pci;
import org.hvlab.pci.PciFunction;
import org.hvlab.pci.PciTopology;

/**
 * An emulated Arm hypervisor host: a catalog platform, CPUs, an interrupt controller, sparse host physical memory,
 * the hypervisor and its VMs, a model clock, costs and a trace. Built by {@link Lab#host(String)}.
 *
 * <p>{@link AutoCloseable}: subsystems that own servers or threads register with {@link #own(AutoCloseable)} and are
 * closed, newest first, by {@link #close()}.
 */
public final class Host implements Renderable, AutoCloseable {
    private final String name;
    private final Platform platform;
    private final int cpus;
    private final ByteSize memorySize;
    private final boolean its;
    private final long seed;
    private final CostModel costs;
    private final SimClock clock;
    private final Trace trace;
    private final int tlbEntries;
    private final Clock wallClock;
    private final HostMemory memory;
    private final Hypervisor hypervisor;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private boolean closed;
    private Dpus dpus;
    private Bmc bmc;
    private PciTopology pci;
    private Installer installer;

    Host(String name, Platform platform, int cpus, ByteSize memorySize, boolean its, long seed, CostModel costs,
         int traceCapacity, int tlbEntries, Clock wallClock) {
        this.name = name;
        this.platform = platform;
        this.cpus = cpus;
        this.memorySize = memorySize;
        this.its = its;
        this.seed = seed;
        this.costs = costs;
        this.tlbEntries = tlbEntries;
        this.wallClock = wallClock;
        this.clock = new SimClock(platform.hz(), costs);
        Provenance prov = Provenance.current(wallClock.instant()).with("host", name)
                .with("platform", platform.id()).with("seed", Long.toString(seed))
                .with("costs_digest", costs.shortDigest());
        this.trace = new Trace(clock, prov, traceCapacity);
        this.memory = new HostMemory(memorySize);
        this.hypervisor = new Hypervisor(this);
    }

    /** Host physical memory: sparse, reference-counted 4 KiB frames. */
    public HostMemory memory() { return memory; }

    /** The hypervisor and its VMs. */
    public Hypervisor hypervisor() { return hypervisor; }

    public String name() { return name; }

    public Platform platform() { return platform; }

    public int cpus() { return cpus; }

    /** The size of host physical memory. */
    public ByteSize memorySize() { return memorySize; }

    /** True when the host's GICv3 has an ITS enabled. */
    public boolean its() { return its; }

    /** The GIC architecture version (2 or 3). */
    public int gicVersion() { return platform.gicVersion(); }

    public long seed() { return seed; }

    public CostModel costs() { return costs; }

    public SimClock clock() { return clock; }

    public Trace trace() { return trace; }

    /** Entries in the host's software TLB. */
    public int tlbEntries() { return tlbEntries; }

    /** The wall clock for real servers and report dates; the models use {@link #clock()}. */
    public Clock wallClock() { return wallClock; }

    /** The provenance of this host's numbers: commit, JDK, platform, seed, costs digest. */
    public Provenance provenance() { return trace.provenance(); }

    /**
     * The host's DPUs: as many BlueField-2s as the platform catalog says ({@code dpus} column), on buses 1, 2, ...,
     * booted from their factory image; created on first use, flash in a temporary directory removed by {@link #close()}.
     */
    public synchronized Dpus dpus() {
        ensureOpen();
        if (dpus == null) dpus = own(Dpus.builder().count(platform.dpus()).seed(seed).build());
        return dpus;
    }

    /**
     * The host's own PCIe topology (not a VM's): the host bridge at 00:00.0 and, for each of {@link #dpus()}, a root
     * port at 00:0N.0 whose secondary bus holds the DPU's function ({@code dpu.pciFunction()}) at its BDF, with BARs
     * assigned. {@code host.pci().lspciDump()} is what {@code lspci -F FILE} decodes; the BMC's PCIeDevices show the
     * same functions. Built and assigned resources once, on first use, from the DPUs' own functions (their config
     * space is shared, not copied), so later config writes stay.
     */
    public synchronized PciTopology pci() {
        ensureOpen();
        if (pci == null) {
            Map<Bdf, PciFunction> functions = new LinkedHashMap<>();
            for (Dpu d : dpus().list()) functions.put(d.bdf(), d.pciFunction());
            pci = Pci.hostTopology(platform.id() + " host bridge", functions);
        }
        return pci;
    }

    /** The host's BMC: a Redfish service on 127.0.0.1 for this host and its {@link #dpus()}; started on first use. */
    public synchronized Bmc bmc() {
        ensureOpen();
        if (bmc == null) {
            bmc = own(Bmc.builder().host(HostDescription.of(platform.id(), name)).dpus(dpus()).clock(wallClock)
                    .hostReset(type -> {
                        synchronized (trace) {
                            trace.event("host.reset", name, type.name());
                        }
                    }).start());
        }
        return bmc;
    }

    /**
     * The management hypervisor's DPU installer, talking to {@link #bmc()} over Redfish, with the preinstalled images
     * of {@code datasets/dpu-images.csv}: {@code host.installer().provisionDpus()}.
     */
    public synchronized Installer installer() {
        ensureOpen();
        if (installer == null) {
            installer = own(Installer.builder().client(bmc().client())
                    .catalog(DpuImageCatalog.read(Datasets.file("dpu-images.csv"))).build());
        }
        return installer;
    }

    /** Registers something to close with the host (servers, threads); returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        Objects.requireNonNull(resource, "resource");
        ensureOpen();
        owned.push(resource);
        return resource;
    }

    public boolean isClosed() { return closed; }

    void ensureOpen() {
        if (closed) {
            throw new HostException(HostException.Reason.CLOSED, "host " + name + " is closed",
                    "a closed host has stopped its servers and released its memory", "Build a new host with Lab.host(..)");
        }
    }

    /** Closes everything the host owns, newest first; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Vm vm : hypervisor.vms()) owned.addLast(vm);
        RuntimeException first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    private String gicText() {
        return "GICv" + platform.gicVersion() + (its ? " + ITS" : "")
                + (platform.v2mFrames() > 0 ? " + " + platform.v2mFrames() + " GICv2m frame(s)" : "");
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("host ").append(name).append(closed ? " (closed)" : "").append('\n');
        sb.append("  platform  ").append(platform.id()).append(" - ").append(platform.name()).append('\n');
        sb.append("  cpus      ").append(cpus).append(" @ ").append(platform.cpuMhz()).append(" MHz")
                .append(platform.vhe() ? " (VHE)" : "").append('\n');
        sb.append("  gic       ").append(gicText()).append('\n');
        sb.append("  memory    ").append(memory.toText()).append('\n');
        for (Vm vm : hypervisor.vms()) {
            sb.append("  vm        ").append(vm.summary()).append('\n');
            for (MmioRegion r : vm.memory().mmio().regions()) {
                sb.append("    device  ").append(r.name()).append(' ').append(r.range()).append('\n');
            }
        }
        sb.append("  clock     ").append(clock.cycles()).append(" cycles (").append(clock.nanos()).append(" ns)\n");
        sb.append("  costs     ").append(costs.shortDigest()).append('\n');
        return sb.toString();
    }

    @Override
    public String toHtml() {
        HtmlTable t = HtmlTable.withClass("hvlab-host")
                .caption("host <b>" + Html.escape(name) + "</b>" + (closed ? " (closed)" : ""));
        t.entry("platform", Html.escape(platform.id() + " - " + platform.name()));
        t.entry("cpus", Html.escape(cpus + " @ " + platform.cpuMhz() + " MHz" + (platform.vhe() ? " (VHE)" : "")));
        t.entry("gic", Html.escape(gicText()));
        t.entry("memory", Html.escape(memory.toText()));
        for (Vm vm : hypervisor.vms()) {
            t.entry("vm " + vm.name(), Html.escape(vm.summary()));
            for (MmioRegion r : vm.memory().mmio().regions()) t.entry("device", Html.escape(vm.name() + ": " + r));
        }
        t.entry("clock", Html.escape(clock.cycles() + " cycles (" + clock.nanos() + " ns)"));
        t.entry("costs", Html.escape(costs.shortDigest()));
        return t.html();
    }

    @Override
    public String toString() { return "Host[" + name + ", " + platform.id() + "]"; }
}
