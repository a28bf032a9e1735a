package org.hvlab.bmc.internal;

import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.CapsuleImage;
import org.hvlab.firmware.CapsuleStream;
import org.hvlab.firmware.FirmwareException;
import org.hvlab.firmware.Guid;

import java.io.IOException;
import java.io.InputStream;

/**
 * The BMC's capsule check and slot write, streamed: parse the capsule headers from the transfer, require the DPU
 * management OS GUID (FMP UpdateImageTypeId or plain CapsuleGuid) and, for FMP, an UpdateHardwareInstance of 0 or
 * the DPU's own, pass the image through the DPU's inactive-slot
 * writer (which checks the image header, size and SHA-256 as bytes go by), check that the capsule ends exactly at
 * CapsuleImageSize, then commit. Any failure aborts the writer, so the DPU keeps its previous management OS.
 */
public final class CapsuleImageInstaller implements ImageInstaller {
    private static final int CHUNK = 1 << 20;

    @Override
    public Installed install(DpuPort dpu, InputStream in) {
        DpuPort.SlotWriter writer = null;
        boolean committed = false;
        try (CapsuleStream cs = Capsule.stream(in)) {
            CapsuleImage image = cs.capsule().image(Guid.DPU_MANAGEMENT_OS_IMAGE, dpu.hardwareInstance());
            if (image.payloadLength() > dpu.slotCapacityBytes()) {
                throw new UpdateFailure("Update.1.0.VerificationFailed", "oversized capsule: its image has "
                        + image.payloadLength() + " bytes but a slot of " + dpu.id() + " holds "
                        + dpu.slotCapacityBytes());
            }
            writer = dpu.openInactiveSlot(image.payloadLength());
            InputStream payload = cs.payload();
            byte[] buf = new byte[CHUNK];
            long total = 0;
            int n;
            while ((n = payload.read(buf)) > 0) {
                writer.write(buf, 0, n);
                total += n;
            }
            cs.finish();
            DpuPort.Committed c = writer.commit();
            committed = true;
            return new Installed(c.version(), c.build(), writer.slotId(), total, c.boot());
        } catch (FirmwareException e) {
            throw capsuleFailure(e, dpu.id());
        } catch (ImageFetcher.TransferFailed e) {
            throw new UpdateFailure(e.messageId(), e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateFailure("Update.1.0.TransferFailed", "the capsule transfer failed: " + e, e);
        } finally {
            if (writer != null && !committed) {
                try {
                    writer.abort();
                } catch (RuntimeException e) {
                    // the failure that ended the update is what the task reports; the DPU's slots are untouched
                }
            }
        }
    }

    private static UpdateFailure capsuleFailure(FirmwareException e, String dpuId) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ImageFetcher.TransferFailed t) return new UpdateFailure(t.messageId(), t.getMessage(), t);
        }
        String what = switch (e.reason()) {
            case WRONG_GUID -> "wrong GUID";
            case WRONG_INSTANCE -> "wrong hardware instance";
            case TRUNCATED -> "truncated capsule";
            case OVERSIZED -> "oversized capsule";
            default -> "invalid capsule";
        };
        return new UpdateFailure("Update.1.0.VerificationFailed", what + " for " + dpuId + ": " + e.getMessage(), e);
    }
}
