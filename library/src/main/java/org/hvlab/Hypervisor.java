package org.hvlab;

import org.hvlab.pci.NoFunctionPage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hvlab.core.Html;
import org.hvlab.core.HtmlTable;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.stage2.Tlb;

/**
 * The host's hypervisor: owns the VMs (each with a VMID and stage-2 tables), the host's software TLB, and the
 * shared zero page that untouched guest RAM reads. Made by the {@link Host}.
 */
public final class Hypervisor implements Renderable {
    /** VMIDs are 16 bits (ID_AA64MMFR1_EL1.VMIDBits = 16); VMID 0 is the host's own. */
    public static final int MAX_VMID = 0xFFFF;

    private final Host host;
    private final Tlb tlb;
    private final Pa zeroPage;
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final BitSet vmids = new BitSet();
    private NoFunctionPage noFunctionPage;

    Hypervisor(Host host) {
        this.host = host;
        this.tlb = new Tlb(host.tlbEntries());
        HostMemory mem = host.memory();
        this.zeroPage = mem.allocate();
        mem.frameDataForWrite(zeroPage); // backed once, so zero-page reads take the TLB fast path
        mem.markReadOnly(zeroPage); // mapped copy-on-write only: no guest may ever write the zeros
        vmids.set(0);
        host.trace().gauge("tlb_hit", tlb::hits);
        host.trace().gauge("tlb_miss", tlb::misses);
        host.trace().gauge("host_frames_in_use", mem::framesInUse);
        host.trace().gauge("host_pages_saved", () -> mem.bytesSaved().pages());
    }

    /** Starts building a VM named {@code name}; names are unique on a host. */
    public VmBuilder vm(String name) {
        host.ensureOpen();
        if (name == null || name.isBlank() || vms.containsKey(name)) {
            throw new HostException(HostException.Reason.VM_NAME, "VM name '" + name + "'",
                    name == null || name.isBlank() ? "a VM needs a non-blank name"
                            : "host " + host.name() + " already has a VM of that name",
                    "Pick another name; the VMs are " + vms.keySet());
        }
        return new VmBuilder(this, name);
    }

    /** The VM named {@code name}. */
    public Vm vmNamed(String name) {
        Vm vm = vms.get(name);
        if (vm == null) {
            throw new HostException(HostException.Reason.VM_NAME, "no VM '" + name + "' on host " + host.name(),
                    "the VMs are " + vms.keySet(), "Create it with host.hypervisor().vm(\"" + name + "\")...build()");
        }
        return vm;
    }

    /** The VMs, in creation order. */
    public List<Vm> vms() { return List.copyOf(vms.values()); }

    /** The host's TLB, shared by all VMs (entries are tagged by VMID). */
    public Tlb tlb() { return tlb; }

    /** The frame of zeros that untouched RAM maps copy-on-write. */
    public Pa zeroPage() { return zeroPage; }

    public Host host() { return host; }

    /**
     * The host's one read-only 0xFF page (and shared leaf table) that every VM's absent PCIe functions map to
     * (US11561894B2); reserved on first use.
     */
    public synchronized NoFunctionPage noFunctionPage() {
        if (noFunctionPage == null) noFunctionPage = NoFunctionPage.reserve(host.memory());
        return noFunctionPage;
    }

    int allocateVmid(String name) {
        int id = vmids.nextClearBit(1);
        if (id > MAX_VMID) {
            throw new MemoryException(MemoryException.Reason.VMID_EXHAUSTED, "no VMID left for " + name,
                    "VMIDs are 16 bits and " + vms.size() + " VMs hold them", "Destroy a VM first");
        }
        vmids.set(id);
        return id;
    }

    void releaseVmid(int vmid) { vmids.clear(vmid); }

    void register(Vm vm) {
        if (vms.containsKey(vm.name())) {
            throw new HostException(HostException.Reason.VM_NAME, "VM name '" + vm.name() + "'",
                    "host " + host.name() + " already has a VM of that name", "Build each VmBuilder once");
        }
        vms.put(vm.name(), vm);
        host.trace().event("vm_create", vm.name(), "VMID " + vm.vmid() + ", " + vm.vcpus() + " vCPUs");
    }

    void remove(Vm vm) {
        vms.remove(vm.name());
        vmids.clear(vm.vmid());
        host.trace().event("vm_destroy", vm.name(), "VMID " + vm.vmid());
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("hypervisor on ").append(host.name()).append(": ").append(vms.size())
                .append(" VM(s), TLB ").append(tlb.entries()).append(" entries (").append(tlb.hits()).append(" hits, ")
                .append(tlb.misses()).append(" misses)\n");
        for (Vm vm : vms.values()) sb.append("  ").append(vm.summary()).append('\n');
        return sb.toString();
    }

    @Override
    public String toHtml() {
        HtmlTable t = HtmlTable.withClass("hvlab-hypervisor").caption("hypervisor on " + Html.escape(host.name()))
                .header("VM", "summary");
        for (Vm vm : new ArrayList<>(vms.values())) t.row(Html.escape(vm.name()), Html.escape(vm.summary()));
        return t.html();
    }
}
