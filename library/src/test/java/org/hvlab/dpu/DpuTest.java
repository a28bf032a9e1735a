package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpuTest {

    @TempDir
    Path dir;

    static byte[] image(String version, int size, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DpuImage.builder().model(DpuModel.BLUEFIELD_2).version(version).build("build-" + version).payloadBytes(size)
                .seed(seed).writeTo(out);
        return out.toByteArray();
    }

    static DpuException.Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (DpuException e) {
            return e.reason();
        }
        throw new AssertionError("no DpuException");
    }

    @Test
    void should_create_booted_bluefield2_dpus_with_factory_image_in_slot_a() {
        Dpus dpus = Dpus.forPlatform(2, dir);
        assertThat(dpus.size()).isEqualTo(2);
        Dpu d0 = dpus.get("DPU0");
        assertThat(d0.bdf()).isEqualTo(Bdf.of(1, 0, 0));
        assertThat(dpus.get("DPU1").bdf()).isEqualTo(Bdf.of(2, 0, 0));
        assertThat(d0.pciVendorId()).isEqualTo(0x15b3);
        assertThat(d0.pciDeviceId()).isEqualTo(0xa2d6);
        assertThat(d0.state()).isEqualTo(DpuState.RUNNING);
        assertThat(d0.runningSlot()).contains(SlotId.A);
        assertThat(d0.runningImage().orElseThrow().version()).isEqualTo(Dpus.FACTORY_VERSION);
        assertThat(d0.inventory().slot(SlotId.B).status()).isEqualTo(ImageStatus.EMPTY);
        assertThat(dpus.table().rowCount()).isEqualTo(2);
        assertThat(dpus.inventory().rowCount()).isEqualTo(4);
    }

    @Test
    void should_give_a_platform_as_many_dpus_as_its_catalog_entry_says() {
        org.hvlab.core.Platform altra = org.hvlab.core.Platform.of("ampere-altra");
        try (Dpus dpus = Dpus.forPlatform(altra, dir)) {
            assertThat(dpus.size()).isEqualTo(altra.dpus()).isPositive();
        }
    }

    @Test
    void should_keep_its_slots_and_active_slot_when_reopened() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        try (SlotWriter w = dpu.openUpdate()) {
            w.write(image("4.5.0", 1000, 7));
            w.commit();
        }
        Dpu again = Dpus.forPlatform(1, dir).get("DPU0");
        assertThat(again.activeSlot()).isEqualTo(SlotId.B);
        assertThat(again.runningImage().orElseThrow().version()).isEqualTo("4.5.0");
        assertThat(again.inventory().slot(SlotId.A).version()).isEqualTo(Dpus.FACTORY_VERSION);
    }

    @Test
    void should_delete_its_own_temporary_directory_on_close() {
        Dpus dpus = Dpus.builder().count(1).factoryPayload(org.hvlab.core.ByteSize.kib(4)).build();
        Path d = dpus.directory();
        assertThat(Files.exists(d.resolve("DPU0/slot-a.img"))).isTrue();
        dpus.close();
        assertThat(Files.exists(d)).isFalse();
    }

    @Test
    void should_write_inactive_slot_switch_and_reset_on_commit() throws Exception {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        byte[] img = image("4.5.0", 100_000, 7);
        DpuUpdateResult r;
        try (SlotWriter w = dpu.openUpdate()) {
            assertThat(w.slot()).isEqualTo(SlotId.B);
            w.write(img);
            r = w.commit();
        }
        assertThat(r.slot()).isEqualTo(SlotId.B);
        assertThat(r.boot().slot()).contains(SlotId.B);
        assertThat(dpu.activeSlot()).isEqualTo(SlotId.B);
        assertThat(dpu.runningImage().orElseThrow().version()).isEqualTo("4.5.0");
        assertThat(dpu.inventory().slot(SlotId.A).version()).isEqualTo(Dpus.FACTORY_VERSION);
        assertThat(Files.readAllBytes(dpu.flash().slotFile(SlotId.B))).isEqualTo(img);
        assertThat(dpu.inactiveSlot()).isEqualTo(SlotId.A);
    }

    @Test
    void should_leave_everything_as_it_was_when_hash_mismatches() throws Exception {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        byte[] img = image("4.5.0", 50_000, 7);
        img[DpuImage.HEADER_SIZE + 100] ^= 1;
        DpuInventory before = dpu.inventory();
        try (SlotWriter w = dpu.openUpdate()) {
            w.write(img);
            assertThat(reasonOf(w::commit)).isEqualTo(DpuException.Reason.HASH_MISMATCH);
        }
        assertThat(dpu.inventory()).isEqualTo(before);
        assertThat(dpu.updateInProgress()).isFalse();
        assertThat(Files.list(dpu.flash().directory()).map(p -> p.getFileName().toString()))
                .doesNotContain("slot-b.img.partial", "slot-b.img");
    }

    @Test
    void should_refuse_oversized_and_bad_magic_while_writing() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        byte[] img = image("4.5.0", 1000, 7);
        byte[] longer = Arrays.copyOf(img, img.length + 1);
        SlotWriter w = dpu.openUpdate();
        assertThat(reasonOf(() -> w.write(longer, 0, longer.length))).isEqualTo(DpuException.Reason.OVERSIZED);
        assertThat(w.isOpen()).isFalse();
        byte[] junk = new byte[4096];
        SlotWriter w2 = dpu.openUpdate();
        assertThat(reasonOf(() -> w2.write(junk, 0, junk.length))).isEqualTo(DpuException.Reason.BAD_MAGIC);
        assertThat(dpu.activeSlot()).isEqualTo(SlotId.A);
    }

    @Test
    void should_refuse_an_image_larger_than_the_slot_as_soon_as_its_header_arrives() {
        Dpu dpu = Dpus.builder().count(1).directory(dir).factoryPayloadBytes(1000)
                .slotCapacity(org.hvlab.core.ByteSize.kib(64)).build().get("DPU0");
        byte[] img = image("4.5.0", 100_000, 7);
        SlotWriter w = dpu.openUpdate();
        assertThat(reasonOf(() -> w.write(img, 0, 4096))).isEqualTo(DpuException.Reason.SLOT_TOO_SMALL);
        assertThat(w.isOpen()).isFalse();
        assertThat(dpu.updateInProgress()).isFalse();
        assertThat(dpu.activeSlot()).isEqualTo(SlotId.A);
    }

    @Test
    void should_refuse_a_second_writer_while_one_is_open() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        try (SlotWriter w = dpu.openUpdate()) {
            assertThatThrownBy(dpu::openUpdate).isInstanceOf(DpuException.class).hasMessageContaining("already");
        }
        dpu.openUpdate().abort();
    }

    @Test
    void should_fall_back_to_the_other_slot_when_the_active_image_is_corrupt() throws Exception {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        try (SlotWriter w = dpu.openUpdate()) {
            w.write(image("4.5.0", 10_000, 7));
            w.commit();
        }
        dpu.flash().corrupt(SlotId.B, DpuImage.HEADER_SIZE + 5);
        DpuBootReport boot = dpu.reset();
        assertThat(boot.fellBack()).isTrue();
        assertThat(boot.slot()).contains(SlotId.A);
        assertThat(boot.attempts().get(0).check().status()).isEqualTo(ImageStatus.HASH_MISMATCH);
        assertThat(boot.summary()).contains("fell back to slot A").contains("SHA-256");
        assertThat(dpu.activeSlot()).isEqualTo(SlotId.A);
        assertThat(dpu.inventory().slot(SlotId.B).status()).isEqualTo(ImageStatus.HASH_MISMATCH);
    }

    @Test
    void should_fail_boot_when_no_slot_verifies() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        dpu.flash().corrupt(SlotId.A, 0);
        DpuBootReport boot = dpu.reset();
        assertThat(boot.cameUp()).isFalse();
        assertThat(dpu.state()).isEqualTo(DpuState.FAILED);
        assertThat(boot.attempts()).extracting(a -> a.check().status())
                .containsExactly(ImageStatus.BAD_MAGIC, ImageStatus.EMPTY);
    }

    @Test
    void should_refuse_an_image_for_another_model() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DpuImage.builder().model(DpuModel.BLUEFIELD_3).version("4.5.0").payloadBytes(100).writeTo(out);
        try (SlotWriter w = dpu.openUpdate()) {
            w.write(out.toByteArray());
            assertThat(reasonOf(w::commit)).isEqualTo(DpuException.Reason.WRONG_MODEL);
        }
    }
}
