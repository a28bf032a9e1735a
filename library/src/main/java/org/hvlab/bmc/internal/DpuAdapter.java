package org.hvlab.bmc.internal;

import org.hvlab.dpu.Dpu;
import org.hvlab.dpu.DpuBootReport;
import org.hvlab.dpu.DpuException;
import org.hvlab.dpu.DpuState;
import org.hvlab.dpu.SlotInventory;
import org.hvlab.pci.Bdf;

import java.util.ArrayList;
import java.util.List;

/** The BMC's view of an {@code org.hvlab.dpu.Dpu}: its identity, slots, boots and its inactive-slot writer. */
public final class DpuAdapter implements DpuPort {
    private final Dpu dpu;

    public DpuAdapter(Dpu dpu) {
        this.dpu = dpu;
    }

    public Dpu dpu() { return dpu; }

    @Override public String id() { return dpu.name(); }
    @Override public String model() { return dpu.model().name(); }
    @Override public String manufacturer() { return dpu.pciVendorId() == 0x15b3 ? "NVIDIA" : "unknown"; }
    @Override public String serialNumber() { return dpu.serial(); }
    @Override public Bdf bdf() { return dpu.bdf(); }
    // the identity the host enumerates: read from the DPU's function in the host topology (host.pci())
    @Override public int vendorId() { return dpu.pciFunction().vendorId(); }
    @Override public int deviceId() { return dpu.pciFunction().deviceId(); }
    @Override public int classCode() { return dpu.pciFunction().classCode(); }
    @Override public int subsystemVendorId() { return dpu.pciFunction().read(0x2c, 2); }
    @Override public int subsystemId() { return dpu.pciFunction().read(0x2e, 2); }
    @Override public long slotCapacityBytes() { return dpu.slotCapacity().bytes(); }

    @Override
    public String powerState() {
        return dpu.state() == DpuState.OFF ? "Off" : "On";
    }

    @Override
    public Status status() {
        return switch (dpu.state()) {
            case OFF -> Status.OFF;
            case FAILED -> Status.BOOT_FAILED;
            case RUNNING -> dpu.lastBoot().map(DpuBootReport::fellBack).orElse(false) ? Status.FELL_BACK
                    : Status.RUNNING;
        };
    }

    @Override
    public void powerOff() {
        dpu.powerOff();
    }

    @Override
    public List<Slot> slots() {
        List<Slot> out = new ArrayList<>();
        for (SlotInventory s : dpu.inventory().slots()) {
            out.add(new Slot(s.slot().name(), s.active(), s.version(), s.build(), s.healthy(),
                    s.status() == org.hvlab.dpu.ImageStatus.EMPTY));
        }
        return out;
    }

    @Override
    public BootInfo lastBoot() {
        return dpu.lastBoot().map(DpuAdapter::info).orElse(new BootInfo("-", "", false, "not booted yet"));
    }

    static BootInfo info(DpuBootReport r) {
        return new BootInfo(r.slot().map(Enum::name).orElse("-"), r.image().map(i -> i.version()).orElse(""),
                r.fellBack(), r.summary());
    }

    @Override
    public SlotWriter openInactiveSlot(long imageBytes) {
        org.hvlab.dpu.SlotWriter w;
        try {
            w = dpu.openUpdate();
        } catch (DpuException e) {
            throw new UpdateFailure("Update.1.0.ApplyFailed", e.getMessage(), e);
        }
        return new SlotWriter() {
            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    w.write(b, off, len);
                } catch (DpuException e) {
                    throw failure(e);
                }
            }

            @Override
            public String slotId() { return w.slot().name(); }

            @Override
            public Committed commit() {
                try {
                    org.hvlab.dpu.DpuUpdateResult r = w.commit();
                    return new Committed(r.image().version(), r.image().build(), info(r.boot()));
                } catch (DpuException e) {
                    throw failure(e);
                }
            }

            @Override
            public void abort() {
                w.abort();
            }

            @Override
            public String toString() { return dpu.name() + " slot " + w.slot(); }
        };
    }

    /** A DPU refusal as an update failure whose message starts with what failed. */
    static UpdateFailure failure(DpuException e) {
        String what = switch (e.reason()) {
            case HASH_MISMATCH -> "image hash mismatch";
            case BAD_MAGIC, BAD_HEADER -> "bad DPU image header";
            case TRUNCATED -> "truncated DPU image";
            case OVERSIZED -> "oversized DPU image";
            case WRONG_MODEL -> "image for the wrong DPU model";
            default -> "the DPU refused the image";
        };
        return new UpdateFailure("Update.1.0.VerificationFailed", what + ": " + e.getMessage(), e);
    }

    @Override
    public BootInfo reset() {
        return info(dpu.reset());
    }
}
