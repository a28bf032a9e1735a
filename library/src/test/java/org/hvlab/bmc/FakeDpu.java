package org.hvlab.bmc;

import org.hvlab.bmc.internal.DpuPort;
import org.hvlab.bmc.internal.ImageInstaller;
import org.hvlab.bmc.internal.UpdateFailure;
import org.hvlab.pci.Bdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A DPU whose "image" is its version string, to test the Redfish service without the firmware model. */
final class FakeDpu implements DpuPort {
    private final String id;
    private final Bdf bdf;
    private final String[] versions = {"os-1.0", ""};
    private int active;
    int resets;

    private final long capacity;

    FakeDpu(String id, Bdf bdf) {
        this(id, bdf, 1 << 20);
    }

    FakeDpu(String id, Bdf bdf, long capacityBytes) {
        this.id = id;
        this.bdf = bdf;
        this.capacity = capacityBytes;
    }

    /** An installer that takes the whole stream as the version; "BAD..." fails like a hash mismatch. */
    static ImageInstaller installer() {
        return (dpu, in) -> {
            String v;
            try {
                v = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UpdateFailure("Update.1.0.TransferFailed", e.getMessage(), e);
            }
            if (v.startsWith("BAD")) throw new UpdateFailure("Update.1.0.VerificationFailed", "image hash mismatch");
            SlotWriter w = dpu.openInactiveSlot(v.length());
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            w.write(b, 0, b.length);
            String slot = w.slotId();
            Committed c = w.commit();
            return new ImageInstaller.Installed(v, "fake", slot, v.length(), c.boot());
        };
    }

    private String slotName(int i) { return i == 0 ? "A" : "B"; }

    synchronized String activeVersion() { return versions[active]; }

    @Override public String id() { return id; }
    @Override public String model() { return "BlueField-2"; }
    @Override public String manufacturer() { return "NVIDIA"; }
    @Override public String serialNumber() { return "SN-" + id; }
    @Override public Bdf bdf() { return bdf; }
    @Override public int vendorId() { return 0x15b3; }
    @Override public int deviceId() { return 0xa2d6; }
    @Override public long slotCapacityBytes() { return capacity; }

    @Override
    public synchronized List<Slot> slots() {
        return List.of(new Slot("A", active == 0, versions[0], "fake", !versions[0].isEmpty()),
                new Slot("B", active == 1, versions[1], "fake", !versions[1].isEmpty()));
    }

    @Override
    public synchronized BootInfo lastBoot() {
        return new BootInfo(slotName(active), versions[active], false, "slot " + slotName(active) + " verified");
    }

    @Override
    public SlotWriter openInactiveSlot(long imageBytes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        return new SlotWriter() {
            @Override public void write(byte[] b, int off, int len) {
                buf.write(b, off, len);
            }

            @Override public String slotId() { return slotName(1 - active); }

            @Override public Committed commit() {
                synchronized (FakeDpu.this) {
                    versions[1 - active] = buf.toString(StandardCharsets.UTF_8);
                    pending = true;
                    return new Committed(versions[1 - active], "fake", reset());
                }
            }

            @Override public void abort() {}
        };
    }

    private boolean pending;
    private boolean off;

    @Override public synchronized String powerState() { return off ? "Off" : "On"; }

    @Override public synchronized void powerOff() { off = true; }

    @Override
    public synchronized BootInfo reset() {
        resets++;
        off = false;
        if (pending) {
            active = 1 - active;
            pending = false;
        }
        return lastBoot();
    }
}
