package org.hvlab;

import java.util.function.UnaryOperator;
import org.hvlab.pci.Ecam;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Html;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.memory.MemoryMap;
import org.hvlab.memory.MmioDevice;
import org.hvlab.memory.MmioRegion;
import org.hvlab.memory.RamRegion;
import org.hvlab.memory.stage2.FaultHandler;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.S2Ap;
import org.hvlab.memory.stage2.Stage2;
import org.hvlab.memory.stage2.Stage2Walk;
import tech.tablesaw.api.Table;

/**
 * A virtual machine: a name, a VMID, vCPUs and its guest-physical address space ({@link #memory()}: RAM, MMIO
 * devices, stage-2 tables). Guest loads and stores go through the host's TLB and this VM's stage 2; faults and
 * MMIO accesses exit to the hypervisor. Made by {@code host.hypervisor().vm(name)...build()}; AutoCloseable
 * (closing destroys it and releases its memory).
 */
public final class Vm implements Renderable, AutoCloseable {
    private final Hypervisor hypervisor;
    private final String name;
    private final int vmid;
    private final int vcpus;
    private final GuestMemory memory;
    private Ecam ecam;
    private boolean destroyed;

    Vm(Hypervisor hypervisor, String name, int vmid, int vcpus) {
        this.hypervisor = hypervisor;
        this.name = name;
        this.vmid = vmid;
        this.vcpus = vcpus;
        Host h = hypervisor.host();
        this.memory = new GuestMemory(name, vmid, h.memory(), hypervisor.tlb(), h.clock(), h.trace(),
                hypervisor.zeroPage());
    }

    public String name() { return name; }

    public int vmid() { return vmid; }

    public int vcpus() { return vcpus; }

    /** The address space: RAM regions, MMIO bus, stage 2, guest accesses, fault handling. */
    public GuestMemory memory() { return memory; }

    public Stage2 stage2() { return memory.stage2(); }

    public Host host() { return hypervisor.host(); }

    /**
     * The VM's PCIe configuration space (ECAM). The first call attaches the default: 256 buses at
     * {@link org.hvlab.pci.EcamWindow#DEFAULT_BASE}, no functions, absent functions on the host's shared 0xFF page.
     * Use {@link #pci(UnaryOperator)} first to choose buses, topology and strategy.
     */
    public synchronized Ecam pci() {
        if (ecam == null) ecam = pciBuilder().attach();
        return ecam;
    }

    /**
     * Attaches the VM's ECAM with settings, e.g.
     * {@code vm.pci(b -> b.buses(16).topology(t).strategy(AbsentFunctionStrategy.SHARED_LEAF_TABLE))}.
     */
    public synchronized Ecam pci(UnaryOperator<Ecam.Builder> settings) {
        if (ecam != null) {
            throw new HostException(HostException.Reason.BAD_SETTING, "vm " + name + " already has its ECAM at " + ecam.window(),
                    "a VM has one PCIe configuration window, attached once", "Use vm.pci() to reach it, or build another VM");
        }
        ecam = settings.apply(pciBuilder()).attach();
        return ecam;
    }

    private Ecam.Builder pciBuilder() {
        return Ecam.builder(memory, host().clock()).noFunctionPage(hypervisor.noFunctionPage());
    }

    // ---- guest accesses ----

    /** A guest load of 1, 2, 4 or 8 bytes. */
    public long read(Ipa ipa, int size) { return memory.read(ipa, size); }

    /** A guest store of 1, 2, 4 or 8 bytes. */
    public void write(Ipa ipa, int size, long value) { memory.write(ipa, size, value); }

    public long readLong(Ipa ipa) { return memory.readLong(ipa); }

    public void writeLong(Ipa ipa, long value) { memory.writeLong(ipa, value); }

    public byte[] readBytes(Ipa ipa, int length) { return memory.readBytes(ipa, length); }

    public void writeBytes(Ipa ipa, byte[] bytes) { memory.writeBytes(ipa, bytes); }

    // ---- the address map ----

    /** Adds RAM at {@code [base, base + size)}. */
    public RamRegion ram(String regionName, Ipa base, ByteSize size) { return memory.addRam(regionName, base, size); }

    /** Puts an MMIO device at {@code [base, base + size)}. */
    public MmioRegion attach(String regionName, Ipa base, ByteSize size, MmioDevice device) {
        return memory.attach(regionName, base, size, device);
    }

    /** Maps host frames from {@code pa} at {@code ipa} (TLB invalidated). */
    public Vm map(Ipa ipa, Pa pa, ByteSize size, S2Ap ap) {
        memory.map(ipa, pa, size, ap);
        return this;
    }

    /** Maps every page of the range to one read-only frame (TLB invalidated). */
    public Vm mapShared(Ipa ipa, ByteSize size, Pa frame) {
        memory.mapShared(ipa, size, frame);
        return this;
    }

    /** Maps host frames from {@code pa} copy-on-write: shared until this VM writes a page (TLB invalidated). */
    public Vm mapCopyOnWrite(Ipa ipa, Pa pa, ByteSize size) {
        memory.mapCopyOnWrite(ipa, pa, size);
        return this;
    }

    public Vm unmap(Ipa ipa, ByteSize size) {
        memory.unmap(ipa, size);
        return this;
    }

    public Vm protect(Ipa ipa, ByteSize size, S2Ap ap) {
        memory.protect(ipa, size, ap);
        return this;
    }

    /** Replaces the fault handler (see {@link FaultHandler#STANDARD}). */
    public Vm onFault(FaultHandler handler) {
        memory.onFault(handler);
        return this;
    }

    public Stage2Walk walk(Ipa ipa) { return memory.walk(ipa); }

    public MemoryMap memoryMap() { return memory.memoryMap(); }

    /** Exits, page-ins, copy-on-write copies, dropped writes, MMIO accesses, pages mapped. */
    public Table stats() { return memory.stats(); }

    /** Exits taken so far. */
    public long exits() { return memory.exits(); }

    public boolean isDestroyed() { return destroyed; }

    /** Destroys the VM: releases its tables and frames, frees its VMID and name. */
    @Override
    public void close() {
        if (destroyed) return;
        destroyed = true;
        memory.destroy();
        hypervisor.remove(this);
    }

    String summary() {
        return name + " (VMID " + vmid + ", " + vcpus + " vCPU" + (vcpus == 1 ? "" : "s") + "): "
                + stage2().mappedPages() + " pages mapped, " + stage2().tableUsage().tablePages() + " table pages, "
                + memory.mmio().regions().size() + " devices, " + memory.exits() + " exits";
    }

    @Override
    public String toText() { return "vm " + summary() + "\n" + memoryMap().toText(); }

    @Override
    public String toHtml() {
        return "<div class=\"hvlab-vm\"><b>vm " + Html.escape(name) + "</b> " + Html.escape(summary())
                + memoryMap().toHtml() + "</div>";
    }

    @Override
    public String toString() { return "Vm[" + name + ", VMID " + vmid + "]"; }
}
