package org.hvlab.dpu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import org.hvlab.pci.Bdf;
import org.hvlab.pci.PciFunction;
import tech.tablesaw.api.Table;

/**
 * A DPU (SmartNIC) as a host-level device: a PCIe function in the host's topology, its own flash with two
 * management-OS slots, and a boot loader that verifies the active slot's image and falls back to the other slot
 * when it fails. The BMC updates it through {@link #openUpdate()}. Thread-safe.
 *
 * <pre>{@code
 * Dpu dpu = Dpus.forPlatform(2, dir).get("DPU0");
 * dpu.boot()                                 // "DPU0 booted slot A (active): BlueField-2 management OS 3.9.0 ..."
 * try (SlotWriter w = dpu.openUpdate()) { image.transferTo(w); w.commit(); }
 * dpu.inventory().table()                    // per slot: active, running, status, version, build
 * }</pre>
 */
public final class Dpu implements Renderable {
    private final String name;
    private final DpuModel model;
    private final Bdf bdf;
    private final String serial;
    private PciFunction function;
    private final DpuFlash flash;
    private final ByteSize slotCapacity;
    private final Map<SlotId, Checked> checks = new EnumMap<>(SlotId.class);
    private DpuState state = DpuState.OFF;
    private DpuBootReport lastBoot;
    private int bootCount;
    private SlotWriter writer;

    /** The default size of a management-OS slot: 1 GiB. */
    public static final ByteSize DEFAULT_SLOT_CAPACITY = ByteSize.gib(1);

    private record Checked(String stamp, ImageCheck check) {}

    /**
     * A DPU whose flash lives in {@code flashDirectory} (created if needed; existing slot files are kept, so a DPU
     * can be reopened). It starts powered off.
     */
    public Dpu(String name, DpuModel model, Bdf bdf, String serial, Path flashDirectory) {
        this(name, model, bdf, serial, flashDirectory, DEFAULT_SLOT_CAPACITY);
    }

    /** As above, with slots of {@code slotCapacity} (image header included). */
    public Dpu(String name, DpuModel model, Bdf bdf, String serial, Path flashDirectory, ByteSize slotCapacity) {
        if (slotCapacity.bytes() < DpuImage.HEADER_SIZE) {
            throw new DpuException(DpuException.Reason.BAD_SETTING, "slot capacity " + slotCapacity,
                    "a slot holds at least an image header (" + DpuImage.HEADER_SIZE + " bytes)", "Use a larger slot");
        }
        this.slotCapacity = slotCapacity;
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.bdf = Objects.requireNonNull(bdf, "bdf");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.flash = new DpuFlash(Objects.requireNonNull(flashDirectory, "flashDirectory"));
    }

    public String name() { return name; }

    public DpuModel model() { return model; }

    /** The DPU's host-facing PCIe function. */
    public Bdf bdf() { return bdf; }

    /**
     * Its FMP HardwareInstance, what a capsule's UpdateHardwareInstance must name (or be 0) to update it: the PCIe
     * segment and routing ID of its function, {@code segment << 16 | bus << 8 | device << 3 | function}, so 0x0300
     * for 0000:03:00.0. It is 0 ("every instance") only at 0000:00:00.0, where the host bridge sits, not a DPU.
     */
    public long hardwareInstance() { return hardwareInstance(bdf); }

    /** The FMP HardwareInstance of a DPU at {@code bdf} (see {@link #hardwareInstance()}). */
    public static long hardwareInstance(Bdf bdf) {
        return ((long) bdf.segment() << 16) | bdf.routingId();
    }

    public int pciVendorId() { return model.pciVendorId(); }

    /**
     * The DPU's host-facing PCIe function with its config space, at {@link #bdf()} in the host's topology
     * ({@code host.pci()}); one object for the DPU's life, so config writes stay.
     */
    public synchronized PciFunction pciFunction() {
        if (function == null) function = model.pciFunction(serial.hashCode() & 0xffff_ffffL | 0x0002_c903_0000_0000L);
        return function;
    }

    public int pciDeviceId() { return model.pciDeviceId(); }

    public String serial() { return serial; }

    /** The largest image (header included) one slot holds. */
    public ByteSize slotCapacity() { return slotCapacity; }

    /** The DPU's flash: slot files, the active slot, fault injection. */
    public DpuFlash flash() { return flash; }

    public synchronized DpuState state() { return state; }

    /** The slot the boot loader tries first. */
    public SlotId activeSlot() { return flash.activeSlot(); }

    /** The slot an update writes. */
    public SlotId inactiveSlot() { return flash.activeSlot().other(); }

    /** The slot the running management OS came from. */
    public synchronized Optional<SlotId> runningSlot() {
        return state == DpuState.RUNNING ? lastBoot.slot() : Optional.empty();
    }

    /** The running management OS image. */
    public synchronized Optional<DpuImage> runningImage() {
        return state == DpuState.RUNNING ? lastBoot.image() : Optional.empty();
    }

    public synchronized Optional<DpuBootReport> lastBoot() { return Optional.ofNullable(lastBoot); }

    /** Boots since this object was created. */
    public synchronized int bootCount() { return bootCount; }

    /**
     * Powers on (or restarts) and boots: verifies the active slot's image (header, size, SHA-256, model) and runs it;
     * if it fails, verifies the other slot, runs that one and makes it active, and says so in the report.
     */
    public synchronized DpuBootReport boot() {
        SlotId first = flash.activeSlot();
        List<BootAttempt> attempts = new ArrayList<>();
        ImageCheck c1 = check(first);
        attempts.add(new BootAttempt(first, c1, c1.valid()));
        if (!c1.valid()) {
            ImageCheck c2 = check(first.other());
            attempts.add(new BootAttempt(first.other(), c2, c2.valid()));
            if (c2.valid()) flash.writeActive(first.other());
        }
        bootCount++;
        lastBoot = new DpuBootReport(name, bootCount, attempts);
        state = lastBoot.cameUp() ? DpuState.RUNNING : DpuState.FAILED;
        return lastBoot;
    }

    /** Resets the DPU: the running OS stops and the boot loader runs again ({@link #boot()}). */
    public synchronized DpuBootReport reset() {
        return boot();
    }

    /** Powers the DPU off; {@link #boot()} powers it on again. */
    public synchronized void powerOff() {
        state = DpuState.OFF;
    }

    /**
     * Opens a writer for the inactive slot. One update at a time.
     *
     * @throws DpuException UPDATE_IN_PROGRESS while another writer is open
     */
    public synchronized SlotWriter openUpdate() {
        if (writer != null) {
            throw new DpuException(DpuException.Reason.UPDATE_IN_PROGRESS, name + " is already being updated (slot "
                    + writer.slot() + ", " + writer.bytesWritten() + " bytes staged)",
                    "a DPU takes one management-OS update at a time",
                    "Wait for that update to commit or abort, then try again");
        }
        SlotId slot = inactiveSlot();
        writer = new SlotWriter(this, slot, flash.stagingFile(slot));
        return writer;
    }

    /**
     * Provisions this DPU from a DPU management OS image capsule file (FMP with UpdateImageTypeId, or plain with
     * CapsuleGuid = {@link org.hvlab.firmware.Guid#DPU_MANAGEMENT_OS_IMAGE}): validates the capsule, streams the
     * image into the inactive slot, verifies it, switches and resets. On any failure nothing changes.
     *
     * @param progress receives the image bytes written so far (e.g. for a task's PercentComplete)
     * @throws org.hvlab.firmware.FirmwareException a bad capsule (TRUNCATED, OVERSIZED, WRONG_GUID, ...)
     * @throws DpuException                         a bad image (HASH_MISMATCH, ...) or an update already running
     */
    public DpuUpdateResult provision(Path capsuleFile, java.util.function.LongConsumer progress) {
        return CapsuleProvisioning.fromFile(this, capsuleFile, progress);
    }

    /** {@link #provision(Path, java.util.function.LongConsumer)} without progress. */
    public DpuUpdateResult provision(Path capsuleFile) {
        return provision(capsuleFile, done -> { });
    }

    /**
     * Provisions from a capsule read front to back (an HTTP body): plain, or FMP with one payload. The capsule must
     * end exactly at its CapsuleImageSize before the slot is switched. The stream is closed.
     */
    public DpuUpdateResult provision(java.io.InputStream capsule, java.util.function.LongConsumer progress) {
        return CapsuleProvisioning.fromStream(this, capsule, progress);
    }

    /** Whether a slot writer is open. */
    public synchronized boolean updateInProgress() {
        return writer != null;
    }

    synchronized void releaseWriter(SlotWriter w) {
        if (writer == w) writer = null;
    }

    synchronized DpuUpdateResult completeUpdate(SlotWriter w, ImageCheck check) {
        if (runningSlot().equals(Optional.of(w.slot()))) {
            w.abort();
            throw new DpuException(DpuException.Reason.UPDATE_IN_PROGRESS, name + " now runs from slot " + w.slot()
                    + ", the slot this update was writing", "a fallback boot made it active while the update was staged",
                    "Open a new update with dpu.openUpdate(); it writes the other slot");
        }
        flash.promote(w.slot());
        checks.put(w.slot(), new Checked(flash.fileStamp(w.slot()), check));
        flash.writeActive(w.slot());
        writer = null;
        DpuBootReport boot = reset();
        return new DpuUpdateResult(name, w.slot(), check.image().orElseThrow(), w.bytesWritten(), boot);
    }

    /** The slot's full verification, reused while its file is unchanged. */
    private synchronized ImageCheck check(SlotId slot) {
        String stamp = flash.fileStamp(slot);
        Checked c = checks.get(slot);
        if (c != null && c.stamp().equals(stamp)) return c.check();
        ImageCheck check = flash.verify(slot);
        if (check.valid() && !check.image().orElseThrow().model().equals(model.name())) {
            check = new ImageCheck(ImageStatus.WRONG_MODEL, check.image(), "the image is for "
                    + check.image().get().model() + " but " + name + " is a " + model.name(), check.bytes());
        }
        checks.put(slot, new Checked(stamp, check));
        return check;
    }

    /** Both slots with their verification (run now for a slot whose file changed since its last check). */
    public synchronized DpuInventory inventory() {
        List<SlotInventory> slots = new ArrayList<>();
        Optional<SlotId> running = runningSlot();
        for (SlotId s : SlotId.values()) {
            ImageCheck c = check(s);
            slots.add(new SlotInventory(s, s == activeSlot(), running.equals(Optional.of(s)), c.status(), c.image(),
                    c.detail()));
        }
        return new DpuInventory(name, model, slots);
    }

    /** The inventory as a table (one row per slot). */
    public Table table() {
        return inventory().table();
    }

    @Override
    public synchronized String toText() {
        return name + ": " + model.name() + " " + model.pciIds() + " at " + bdf + ", serial " + serial + ", " + state
                + runningImage().map(i -> " " + i.version() + " (" + i.build() + ") from slot " + runningSlot().get())
                .orElse("");
    }

    @Override
    public String toHtml() {
        return "<div class=\"hvlab-dpu\"><p>" + Html.escape(toText()) + "</p>" + inventory().toHtml() + "</div>";
    }

    @Override
    public String toString() {
        return toText();
    }
}
