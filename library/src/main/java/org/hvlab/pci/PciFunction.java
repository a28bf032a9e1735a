package org.hvlab.pci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One emulated PCI function: a name and its {@link ConfigSpace}. The device model is the config space (with its
 * write masks); a guest reaches it through {@link #read} and {@link #write}, which an ECAM window calls on an exit.
 *
 * <p>Build one with {@link #endpoint} (type-0 header) or {@link #bridge} (type-1 header, for root ports and
 * switches); ready-made devices are in {@link PciDevices}. Built functions keep their identity (IDs, BAR sizes,
 * capabilities) fixed; only what software may write changes.
 */
public final class PciFunction {
    private final String name;
    private final ConfigSpace config;

    private PciFunction(String name, ConfigSpace config) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = config;
    }

    /** A type-0 (endpoint) function builder. */
    public static Builder endpoint(String name, int vendorId, int deviceId) {
        return new Builder(name, vendorId, deviceId, Header.TYPE_ENDPOINT);
    }

    /** A type-1 (PCI-to-PCI bridge or root port) function builder. */
    public static Builder bridge(String name, int vendorId, int deviceId) {
        return new Builder(name, vendorId, deviceId, Header.TYPE_BRIDGE);
    }

    /** A function from raw config bytes (an lspci dump); standard registers get their spec write masks. */
    static PciFunction imported(String name, ConfigSpace config) {
        StandardMasks.apply(config);
        StandardMasks.applyBars(config);
        StandardMasks.applyCapabilities(config);
        return new PciFunction(name, config);
    }

    public String name() { return name; }

    /** The live config space (guest writes show here). */
    public ConfigSpace config() { return config; }

    /** A guest config read of 1, 2 or 4 bytes. */
    public int read(int offset, int width) { return config.read(offset, width); }

    /** A guest config write of 1, 2 or 4 bytes; masks apply. */
    public void write(int offset, int width, int value) { config.write(offset, width, value); }

    public int vendorId() { return config.vendorId(); }

    public int deviceId() { return config.deviceId(); }

    public int classCode() { return config.classCode(); }

    public boolean isBridge() { return config.headerType() == Header.TYPE_BRIDGE; }

    public boolean multiFunction() { return config.multiFunction(); }

    /** The bus right behind a bridge (type 1 only; 0 otherwise). */
    public int secondaryBus() { return isBridge() ? config.read8(Header.SECONDARY_BUS) : 0; }

    /** The highest bus behind a bridge (type 1 only; 0 otherwise). */
    public int subordinateBus() { return isBridge() ? config.read8(Header.SUBORDINATE_BUS) : 0; }

    /** The modelled capabilities found by walking the list (PCI Express, MSI, MSI-X), in list order. */
    public List<Capability> capabilities() {
        List<Capability> caps = new ArrayList<>();
        for (ConfigSpace.CapabilityRef ref : config.capabilities()) Capability.decode(config, ref).ifPresent(caps::add);
        return caps;
    }

    public Optional<MsiCapability> msi() {
        return capabilities().stream().filter(MsiCapability.class::isInstance).map(MsiCapability.class::cast).findFirst();
    }

    public Optional<MsixCapability> msix() {
        return capabilities().stream().filter(MsixCapability.class::isInstance).map(MsixCapability.class::cast).findFirst();
    }

    /** BARs as a guest sizes them (the probe writes and restores each register). */
    public List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        int count = isBridge() ? 2 : config.headerType() == Header.TYPE_ENDPOINT ? 6 : 0;
        for (int i = 0; i < count; i++) {
            Optional<Bar> bar = Bar.probe(config, i);
            if (bar.isPresent()) {
                bars.add(bar.get());
                i += bar.get().registers() - 1;
            }
        }
        return Collections.unmodifiableList(bars);
    }

    /** An independent copy (same bytes and masks), e.g. to give each VM its own device state. */
    public PciFunction copy() {
        return new PciFunction(name, config.copy());
    }

    @Override
    public String toString() {
        return String.format("%s [%04x:%04x] class %06x", name, vendorId(), deviceId(), classCode());
    }

    /** Builds a function's config space: header, BARs, capabilities (laid out from 0x40). */
    public static final class Builder {
        private final String name;
        private final int vendorId;
        private final int deviceId;
        private final int type;
        private int classCode;
        private int revision;
        private int subsystemVendor;
        private int subsystemId;
        private int interruptPin;
        private boolean multiFunction;
        private int primary;
        private int secondary;
        private int subordinate;
        private Long serialNumber;
        private final Bar[] bars;
        private final List<Capability> capabilities = new ArrayList<>();

        private Builder(String name, int vendorId, int deviceId, int type) {
            this.name = Objects.requireNonNull(name, "name");
            if (vendorId < 0 || vendorId >= 0xffff || deviceId < 0 || deviceId > 0xffff) {
                throw new PciException(PciException.Reason.FUNCTION_ID,
                        String.format("Vendor 0x%x device 0x%x is not valid", vendorId, deviceId),
                        "IDs are 16 bits and vendor 0xFFFF means 'no function'", "Use a real vendor ID such as 0x1b36");
            }
            this.vendorId = vendorId;
            this.deviceId = deviceId;
            this.type = type;
            this.bars = new Bar[type == Header.TYPE_BRIDGE ? 2 : 6];
        }

        /** Class, subclass and prog-if as 0xCCSSPP, e.g. 0x010802 (NVMe). */
        public Builder classCode(int code) { this.classCode = code & 0xff_ffff; return this; }

        public Builder revision(int rev) { this.revision = rev & 0xff; return this; }

        public Builder subsystem(int vendor, int id) { this.subsystemVendor = vendor & 0xffff; this.subsystemId = id & 0xffff; return this; }

        /** Legacy interrupt pin: 1 = INTA .. 4 = INTD, 0 = none. */
        public Builder interruptPin(int pin) { this.interruptPin = pin & 0xff; return this; }

        /** Sets header-type bit 7: the device has more than one function. */
        public Builder multiFunction() { this.multiFunction = true; return this; }

        /** Type 1 only: primary, secondary and subordinate bus numbers. */
        public Builder buses(int primaryBus, int secondaryBus, int subordinateBus) {
            if (type != Header.TYPE_BRIDGE || secondaryBus > subordinateBus || secondaryBus <= primaryBus
                    || primaryBus < 0 || subordinateBus > 255) {
                throw new PciException(PciException.Reason.HEADER_TYPE,
                        "Bus numbers " + primaryBus + "/" + secondaryBus + "/" + subordinateBus + " are not valid here",
                        "only a type-1 header has them, and primary < secondary <= subordinate <= 255",
                        "Use PciFunction.bridge(..).buses(0, 1, 1)");
            }
            this.primary = primaryBus;
            this.secondary = secondaryBus;
            this.subordinate = subordinateBus;
            return this;
        }

        /** Adds BAR {@code index} (0..5 on type 0, 0..1 on type 1; a 64-bit BAR also takes index + 1). */
        public Builder bar(int index, Bar bar) {
            int last = index + bar.registers() - 1;
            if (index < 0 || last >= bars.length || bars[index] != null || bars[last] != null
                    || (index > 0 && bars[index - 1] != null && bars[index - 1].registers() == 2)) {
                throw new PciException(PciException.Reason.BAR_INDEX, "BAR " + index + " cannot hold " + bar,
                        "a type-" + type + " header has BAR 0.." + (bars.length - 1)
                                + " and a 64-bit BAR uses two consecutive registers", "Pick a free BAR index");
            }
            bars[index] = bar;
            return this;
        }

        public Builder msi(MsiCapability msi) { return capability(msi); }

        public Builder msix(MsixCapability msix) { return capability(msix); }

        /** Adds the PCI Express capability; the function then has 4 KiB of config space. */
        public Builder pcie(PcieCapability pcie) { return capability(pcie); }

        public Builder capability(Capability capability) { capabilities.add(Objects.requireNonNull(capability)); return this; }

        /** A Device Serial Number extended capability at 0x100 (PCI Express functions only). */
        public Builder serialNumber(long serial) { this.serialNumber = serial; return this; }

        public PciFunction build() {
            boolean express = capabilities.stream().anyMatch(PcieCapability.class::isInstance);
            if (serialNumber != null && !express) {
                throw new PciException(PciException.Reason.CAPABILITY, "Function " + name + " has a serial number but no Express capability",
                        "extended capabilities live at 0x100, which only PCI Express functions have", "Add .pcie(PcieCapability.endpoint())");
            }
            for (Capability c : capabilities) if (c instanceof MsixCapability x) x.checkPlacement(name, bars);
            ConfigSpace cs = new ConfigSpace(express ? ConfigSpace.EXPRESS_SIZE : ConfigSpace.CONVENTIONAL_SIZE);
            cs.preset(Header.VENDOR_ID, 2, vendorId).preset(Header.DEVICE_ID, 2, deviceId);
            cs.preset(Header.REVISION_ID, 4, (long) classCode << 8 | revision);
            cs.preset(Header.HEADER_TYPE, 1, type | (multiFunction ? Header.HEADER_MULTI_FUNCTION : 0));
            cs.preset(Header.INTERRUPT_PIN, 1, interruptPin);
            for (int i = 0; i < bars.length; i++) if (bars[i] != null) bars[i].install(cs, i);
            if (type == Header.TYPE_ENDPOINT) {
                cs.preset(Header.SUBSYSTEM_VENDOR_ID, 2, subsystemVendor).preset(Header.SUBSYSTEM_ID, 2, subsystemId);
            } else {
                cs.preset(Header.PRIMARY_BUS, 1, primary).preset(Header.SECONDARY_BUS, 1, secondary)
                        .preset(Header.SUBORDINATE_BUS, 1, subordinate);
                cs.preset(Header.MEMORY_BASE, 2, 0xfff0).preset(Header.PREF_MEMORY_BASE, 4, 0x0001_fff1L)
                        .preset(Header.IO_BASE, 2, 0x00f0);
            }
            int at = 0x40;
            int first = capabilities.isEmpty() ? 0 : at;
            for (int i = 0; i < capabilities.size(); i++) {
                Capability c = capabilities.get(i);
                int next = i + 1 < capabilities.size() ? (at + c.length() + 3) & ~3 : 0;
                if (at + c.length() > ConfigSpace.CONVENTIONAL_SIZE) {
                    throw new PciException(PciException.Reason.CAPABILITY, "Capabilities of " + name + " do not fit below 0x100",
                            "standard capabilities live in 0x40..0xFF", "Drop a capability");
                }
                c.install(cs, at, next);
                at = next;
            }
            cs.preset(Header.CAPABILITIES_POINTER, 1, first);
            cs.preset(Header.STATUS, 2, first != 0 ? Header.STATUS_CAP_LIST : 0);
            if (serialNumber != null) {
                cs.preset(0x100, 4, Header.EXT_CAP_ID_DSN | 1 << 16).preset(0x104, 8, serialNumber);
            }
            StandardMasks.apply(cs);
            return new PciFunction(name, cs);
        }
    }
}
