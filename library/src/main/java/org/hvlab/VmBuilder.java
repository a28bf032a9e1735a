package org.hvlab;

import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/** Builds a {@link Vm}; made by {@link Hypervisor#vm(String)}. Defaults: 2 GiB of RAM at 0x4000_0000, 1 vCPU. */
public final class VmBuilder {
    /** Where guest RAM starts unless told otherwise (QEMU {@code virt}'s RAM base). */
    public static final Ipa DEFAULT_RAM_BASE = Ipa.of(0x4000_0000L);
    /** The most vCPUs a VM may have (a GICv3 VM limit). */
    public static final int MAX_VCPUS = 512;

    private final Hypervisor hypervisor;
    private final String name;
    private ByteSize memory = ByteSize.gib(2);
    private Ipa ramBase = DEFAULT_RAM_BASE;
    private int vcpus = 1;

    VmBuilder(Hypervisor hypervisor, String name) {
        this.hypervisor = hypervisor;
        this.name = name;
    }

    /** Guest RAM size: a positive whole number of 4 KiB pages. */
    public VmBuilder memory(ByteSize size) {
        Objects.requireNonNull(size, "size");
        if (size.isZero() || !size.isPageMultiple()) {
            throw new HostException(HostException.Reason.BAD_MEMORY, "VM " + name + " memory(" + size.bytes()
                    + " bytes)", "guest RAM is a positive whole number of 4 KiB pages",
                    "Use memory(" + size.alignUp(ByteSize.PAGE).max(ByteSize.PAGE) + ") or gib(n)");
        }
        this.memory = size;
        return this;
    }

    /** Where guest RAM starts (4 KiB aligned). */
    public VmBuilder ramBase(Ipa base) {
        if (!base.isPageAligned()) {
            throw new HostException(HostException.Reason.BAD_MEMORY, "VM " + name + " ramBase(" + base + ")",
                    "guest RAM starts on a 4 KiB boundary", "Use " + base.alignDown(ByteSize.PAGE));
        }
        this.ramBase = base;
        return this;
    }

    /** Number of virtual CPUs (1 to 512; may exceed the host's CPUs). */
    public VmBuilder vcpus(int n) {
        if (n < 1 || n > MAX_VCPUS) {
            throw new HostException(HostException.Reason.BAD_CPUS, "VM " + name + " vcpus(" + n + ")",
                    "a VM has between 1 and " + MAX_VCPUS + " vCPUs", "Use vcpus(1.." + MAX_VCPUS + ")");
        }
        this.vcpus = n;
        return this;
    }

    public Vm build() {
        Host host = hypervisor.host();
        host.ensureOpen();
        int vmid = hypervisor.allocateVmid(name);
        Vm vm = new Vm(hypervisor, name, vmid, vcpus);
        try {
            vm.memory().addRam("ram", ramBase, memory);
            hypervisor.register(vm);
        } catch (RuntimeException e) {
            vm.memory().destroy();
            hypervisor.releaseVmid(vmid);
            throw e;
        }
        return vm;
    }
}
