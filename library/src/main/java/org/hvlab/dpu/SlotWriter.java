package org.hvlab.dpu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a new management OS image into a DPU's inactive slot, for the BMC. Bytes are staged beside the slot and
 * verified as they arrive; {@link #commit()} checks header, size, SHA-256 and model, moves the image over the
 * inactive slot, makes it active and resets the DPU. {@link #abort()} (or {@link #close()} before a commit) discards
 * the staged bytes: the DPU keeps its slots and its running image exactly as they were.
 *
 * <pre>{@code
 * try (SlotWriter w = dpu.openUpdate()) {
 *     capsuleImageStream.transferTo(w);     // a bad header or too many bytes throws here
 *     DpuUpdateResult r = w.commit();       // a hash mismatch or short image throws here
 * }
 * }</pre>
 *
 * Use from one thread.
 */
public final class SlotWriter extends OutputStream {
    private final Dpu dpu;
    private final SlotId slot;
    private final Path staging;
    private final StagingFile file;
    private final DpuImageVerifier verifier = DpuImage.verifier();
    private long written;
    private boolean closed;

    SlotWriter(Dpu dpu, SlotId slot, Path staging) {
        this.dpu = dpu;
        this.slot = slot;
        this.staging = staging;
        try {
            this.file = new StagingFile(staging, "dpu-flash-" + dpu.name());
        } catch (IOException e) {
            throw DpuException.io("stage an image in " + staging, e);
        }
    }

    /** The DPU being updated. */
    public Dpu dpu() {
        return dpu;
    }

    /** The slot being written (the DPU's inactive slot when the writer was opened). */
    public SlotId slot() {
        return slot;
    }

    /** Image bytes accepted so far. */
    public long bytesWritten() {
        return written;
    }

    /** Whether the writer is still open (neither committed nor aborted). */
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Stages {@code len} bytes.
     *
     * @throws DpuException BAD_MAGIC, BAD_HEADER or OVERSIZED as soon as the bytes show it (the update is then
     *                      aborted), WRITER_CLOSED after commit or abort
     */
    @Override
    public void write(byte[] b, int off, int len) {
        ensureOpen();
        if (written + len > dpu.slotCapacity().bytes()) {
            abort();
            throw new DpuException(DpuException.Reason.SLOT_TOO_SMALL, dpu.name() + " slot " + slot + " would need "
                    + (written + len) + "+ bytes", "a slot holds " + dpu.slotCapacity() + " (" + dpu.slotCapacity().bytes()
                    + " bytes)", "Use a smaller image or a DPU with larger slots (Dpus.builder().slotCapacity(..))");
        }
        verifier.update(b, off, len);
        verifier.image().ifPresent(this::checkCapacity);
        if (verifier.failure().isPresent()) {
            ImageCheck failed = verifier.failure().get();
            abort();
            throw failed.toException(dpu.name() + " update of slot " + slot);
        }
        try {
            file.write(b, off, len);
        } catch (IOException e) {
            abort();
            throw DpuException.io("write the staged image " + staging, e);
        }
        written += len;
    }

    private void checkCapacity(DpuImage header) {
        if (header.totalBytes() > dpu.slotCapacity().bytes()) {
            abort();
            throw new DpuException(DpuException.Reason.SLOT_TOO_SMALL, dpu.name() + " slot " + slot + ": the image "
                    + header.version() + " declares " + header.totalBytes() + " bytes",
                    "a slot holds " + dpu.slotCapacity() + " (" + dpu.slotCapacity().bytes() + " bytes)",
                    "Use a smaller image or a DPU with larger slots (Dpus.builder().slotCapacity(..))");
        }
    }

    /**
     * Verifies the staged image, moves it over the slot, makes the slot active and resets the DPU.
     *
     * @throws DpuException TRUNCATED, HASH_MISMATCH or WRONG_MODEL (the update is aborted and nothing changes)
     */
    public DpuUpdateResult commit() {
        ensureOpen();
        ImageCheck check = verifier.finish();
        if (check.valid() && !check.image().orElseThrow().model().equals(dpu.model().name())) {
            check = new ImageCheck(ImageStatus.WRONG_MODEL, check.image(), "the image is for "
                    + check.image().get().model() + " but " + dpu.name() + " is a " + dpu.model().name(), check.bytes());
        }
        if (!check.valid()) {
            abort();
            throw check.toException(dpu.name() + " update of slot " + slot);
        }
        try {
            file.finish();
        } catch (IOException e) {
            abort();
            throw DpuException.io("write the staged image " + staging, e);
        }
        closed = true;
        return dpu.completeUpdate(this, check);
    }

    /** Discards the staged bytes; the DPU is left as it was. Does nothing once committed or aborted. */
    public void abort() {
        if (closed) return;
        closed = true;
        try {
            file.discard();
        } catch (IOException e) {
            throw DpuException.io("discard the staged image " + staging, e);
        } finally {
            dpu.releaseWriter(this);
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void ensureOpen() {
        if (closed) {
            throw new DpuException(DpuException.Reason.WRITER_CLOSED, dpu.name() + " slot " + slot + " writer",
                    "it was already committed or aborted", "Open a new one with dpu.openUpdate()");
        }
    }
}
