package org.hvlab.dpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.CapsuleImage;
import org.hvlab.firmware.CapsuleStream;
import org.hvlab.firmware.FirmwareException;
import org.hvlab.firmware.Guid;

/** The BMC's last step: a DPU management OS image capsule into a DPU's inactive slot (see {@link Dpu#provision}). */
final class CapsuleProvisioning {
    private static final int CHUNK = 1 << 16;

    private CapsuleProvisioning() {}

    static DpuUpdateResult fromFile(Dpu dpu, Path capsuleFile, LongConsumer progress) {
        Capsule capsule = Capsule.read(capsuleFile);
        CapsuleImage image = capsule.image(Guid.DPU_MANAGEMENT_OS_IMAGE, dpu.hardwareInstance());
        try (InputStream in = image.openStream(capsuleFile)) {
            return write(dpu, in, progress, null);
        } catch (IOException e) {
            throw DpuException.io("read " + capsuleFile, e);
        }
    }

    static DpuUpdateResult fromStream(Dpu dpu, InputStream capsuleBytes, LongConsumer progress) {
        try (CapsuleStream cs = Capsule.stream(capsuleBytes)) {
            // WRONG_GUID or WRONG_INSTANCE before any slot is touched
            cs.capsule().image(Guid.DPU_MANAGEMENT_OS_IMAGE, dpu.hardwareInstance());
            return write(dpu, cs.payload(), progress, cs);
        }
    }

    private static DpuUpdateResult write(Dpu dpu, InputStream image, LongConsumer progress, CapsuleStream end) {
        try (SlotWriter w = dpu.openUpdate()) {
            byte[] buf = new byte[CHUNK];
            long done = 0;
            for (int n; (n = image.read(buf)) > 0; ) {
                w.write(buf, 0, n);
                done += n;
                progress.accept(done);
            }
            if (end != null) end.finish();   // the capsule must end where it says, before the slot is switched
            return w.commit();
        } catch (IOException e) {
            throw new FirmwareException(FirmwareException.Reason.IO, "Could not read the capsule for " + dpu.name(),
                    String.valueOf(e.getMessage()), "Fetch the capsule again", e);
        }
    }
}
