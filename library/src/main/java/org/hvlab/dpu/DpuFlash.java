package org.hvlab.dpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A DPU's own flash: two management-OS slots as image files ({@code slot-a.img}, {@code slot-b.img}) and the active
 * slot in {@code active-slot}, all under one directory. An update is staged in {@code slot-x.img.partial} and moved
 * over the slot file only once verified, so a failed or aborted update changes nothing.
 */
public final class DpuFlash {
    private final Path directory;
    private final java.util.EnumMap<SlotId, Integer> generation = new java.util.EnumMap<>(SlotId.class);

    DpuFlash(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            if (!Files.exists(activeFile())) writeActive(SlotId.A);
        } catch (IOException e) {
            throw DpuException.io("create the DPU flash in " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The file holding a slot's image (absent when the slot is empty). */
    public Path slotFile(SlotId slot) {
        return directory.resolve("slot-" + slot.name().toLowerCase(java.util.Locale.ROOT) + ".img");
    }

    Path stagingFile(SlotId slot) {
        return directory.resolve(slotFile(slot).getFileName() + ".partial");
    }

    private Path activeFile() {
        return directory.resolve("active-slot");
    }

    /** The slot the boot loader tries first. */
    public SlotId activeSlot() {
        try {
            return SlotId.valueOf(Files.readString(activeFile(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | IllegalArgumentException e) {
            return SlotId.A;
        }
    }

    void writeActive(SlotId slot) {
        try {
            Path tmp = directory.resolve("active-slot.tmp");
            Files.writeString(tmp, slot.name() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, activeFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw DpuException.io("record the active slot in " + directory, e);
        }
    }

    public boolean holdsImage(SlotId slot) {
        return Files.exists(slotFile(slot));
    }

    /** Reads the slot's header only (cheap); empty when the slot is empty or its header is unreadable. */
    public Optional<DpuImage> header(SlotId slot) {
        if (!holdsImage(slot)) return Optional.empty();
        try {
            return Optional.of(DpuImage.read(slotFile(slot)));
        } catch (DpuException e) {
            return Optional.empty();
        }
    }

    /** Verifies the slot's whole image (header, size, SHA-256), streamed. */
    public ImageCheck verify(SlotId slot) {
        return DpuImage.verify(slotFile(slot));
    }

    /**
     * Flips every bit of one byte of a slot's image, to show what a damaged flash does to the boot (a fault
     * injection for notebooks and tests). Offsets below 256 hit the header, the rest the payload.
     */
    public void corrupt(SlotId slot, long offset) {
        Path f = slotFile(slot);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (offset < 0 || offset >= ch.size()) {
                throw new DpuException(DpuException.Reason.BAD_SETTING, "offset " + offset + " in slot " + slot,
                        "the slot's image is " + ch.size() + " bytes", "Use an offset inside the image");
            }
            bump(slot);
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) ~one.get(0)).rewind();
            ch.write(one, offset);
        } catch (IOException e) {
            throw DpuException.io("corrupt " + f, e);
        }
    }

    /** Removes a slot's image. */
    void erase(SlotId slot) {
        bump(slot);
        try {
            Files.deleteIfExists(slotFile(slot));
        } catch (IOException e) {
            throw DpuException.io("erase " + slotFile(slot), e);
        }
    }

    /** Moves a verified staged image over the slot. */
    void promote(SlotId slot) {
        bump(slot);
        try {
            Files.move(stagingFile(slot), slotFile(slot), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw DpuException.io("move the staged image over slot " + slot, e);
        }
    }

    private synchronized void bump(SlotId slot) {
        generation.merge(slot, 1, Integer::sum);
    }

    /**
     * A key that changes when the slot's file changes: this object's own writes, or another writer's (size,
     * modification time, inode).
     */
    synchronized String fileStamp(SlotId slot) {
        try {
            var a = Files.readAttributes(slotFile(slot), java.nio.file.attribute.BasicFileAttributes.class);
            return generation.getOrDefault(slot, 0) + "/" + a.size() + "/" + a.lastModifiedTime().toMillis() + "/"
                    + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }
}
