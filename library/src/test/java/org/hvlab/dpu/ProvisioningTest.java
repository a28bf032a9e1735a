package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hvlab.core.LabException;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.FirmwareException;
import org.hvlab.firmware.Guid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capsule from the installer's side into a DPU's slot, and every way it can fail leaving the DPU as it was. */
class ProvisioningTest {

    @TempDir
    Path dir;

    Path image(String version) {
        Path img = dir.resolve(version + ".img");
        DpuImage.builder().model(DpuModel.BLUEFIELD_2).version(version).build("b-" + version)
                .payloadBytes(300_000).seed(5).writeTo(img);
        return img;
    }

    static String codeOf(Runnable r) {
        try {
            r.run();
        } catch (LabException e) {
            return e.code();
        }
        throw new AssertionError("no LabException");
    }

    @Test
    void should_provision_from_fmp_capsule_file_with_progress() {
        Dpu dpu = Dpus.forPlatform(1, dir.resolve("flash")).get("DPU0");
        Path cap = dir.resolve("dpu.cap");
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(image("4.5.0")).writeTo(cap);
        List<Long> progress = new ArrayList<>();
        DpuUpdateResult r = dpu.provision(cap, progress::add);
        assertThat(r.image().version()).isEqualTo("4.5.0");
        assertThat(r.boot().slot()).contains(SlotId.B);
        assertThat(progress).isSorted().last().isEqualTo(300_000L + DpuImage.HEADER_SIZE);
        assertThat(dpu.inventory().active().version()).isEqualTo("4.5.0");
    }

    @Test
    void should_provision_from_plain_capsule_stream() throws Exception {
        Dpu dpu = Dpus.forPlatform(1, dir.resolve("flash")).get("DPU0");
        byte[] cap = Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(Files.readAllBytes(image("4.6.0"))).toBytes();
        DpuUpdateResult r = dpu.provision(new ByteArrayInputStream(cap), done -> { });
        assertThat(r.image().version()).isEqualTo("4.6.0");
        assertThat(dpu.runningImage().orElseThrow().version()).isEqualTo("4.6.0");
    }

    @Test
    void should_keep_previous_os_for_every_bad_capsule() throws Exception {
        Dpu dpu = Dpus.forPlatform(1, dir.resolve("flash")).get("DPU0");
        DpuInventory before = dpu.inventory();
        byte[] good = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(Files.readAllBytes(image("4.5.0"))).toBytes();
        byte[] wrongGuid = Capsule.fmp(Guid.parse("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97"))
                .payload(Files.readAllBytes(image("4.5.0"))).toBytes();
        byte[] otherInstance = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).instance(dpu.hardwareInstance() + 1)
                .payload(Files.readAllBytes(image("4.5.0"))).toBytes();
        byte[] badHash = good.clone();
        badHash[good.length - 7] ^= 0x40;
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        byte[] oversized = Arrays.copyOf(good, good.length + 9);

        assertThat(codeOf(() -> dpu.provision(new ByteArrayInputStream(wrongGuid), d -> { })))
                .isEqualTo("firmware.wrong_guid");
        assertThat(codeOf(() -> dpu.provision(new ByteArrayInputStream(otherInstance), d -> { })))
                .isEqualTo("firmware.wrong_instance");
        assertThat(codeOf(() -> dpu.provision(new ByteArrayInputStream(badHash), d -> { })))
                .isEqualTo("dpu.hash_mismatch");
        assertThat(codeOf(() -> dpu.provision(new ByteArrayInputStream(truncated), d -> { })))
                .isEqualTo("firmware.truncated");
        assertThat(codeOf(() -> dpu.provision(new ByteArrayInputStream(oversized), d -> { })))
                .isEqualTo("firmware.oversized");
        Path f = dir.resolve("t.cap");
        Files.write(f, truncated);
        assertThat(codeOf(() -> dpu.provision(f))).isEqualTo("firmware.truncated");
        Files.write(f, oversized);
        assertThat(codeOf(() -> dpu.provision(f))).isEqualTo("firmware.oversized");
        Files.write(f, badHash);
        assertThat(codeOf(() -> dpu.provision(f))).isEqualTo("dpu.hash_mismatch");
        Files.write(f, otherInstance);
        assertThat(codeOf(() -> dpu.provision(f))).isEqualTo("firmware.wrong_instance");

        assertThat(dpu.inventory()).isEqualTo(before);
        assertThat(dpu.updateInProgress()).isFalse();
        assertThat(dpu.reset().slot()).contains(SlotId.A);
    }
}
