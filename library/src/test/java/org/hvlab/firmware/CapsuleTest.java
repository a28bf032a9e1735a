package org.hvlab.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapsuleTest {

    static final byte[] PAYLOAD = "DPU management OS image bytes".getBytes();

    @TempDir
    Path dir;

    static FirmwareException.Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (FirmwareException e) {
            return e.reason();
        }
        throw new AssertionError("no FirmwareException");
    }

    @Test
    void should_lay_out_fmp_capsule_as_mkeficapsule_does() {
        byte[] cap = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes();
        assertThat(cap).hasSize(92 + PAYLOAD.length);
        assertThat(HexFormat.of().formatHex(cap, 0, 44)).isEqualTo(
                "edd5cb6d2de8444cbda17194199ad92a" + "1c000000" + "00000100" + "79000000"
                        + "01000000" + "0000" + "0100" + "1000000000000000");
        assertThat(HexFormat.of().formatHex(cap, 44, 92)).isEqualTo(
                "03000000" + "5e7c1b3f2a8d6b4e9a410c7d2e5f9b10" + "01000000" + "1d000000" + "00000000"
                        + "0000000000000000" + "0000000000000000");
        assertThat(Arrays.copyOfRange(cap, 92, cap.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void should_parse_fmp_capsule_and_find_dpu_image() {
        byte[] cap = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).index(2).instance(5).payload(PAYLOAD).toBytes();
        Capsule c = Capsule.parse(cap);
        assertThat(c.kind()).isEqualTo(CapsuleKind.FMP);
        CapsuleImage img = c.dpuImage();
        assertThat(img.updateImageIndex()).isEqualTo(2);
        assertThat(img.updateHardwareInstance()).isEqualTo(5);
        assertThat(Arrays.copyOfRange(cap, (int) img.payloadOffset(), (int) img.payloadEnd())).isEqualTo(PAYLOAD);
    }

    @Test
    void should_parse_plain_capsule_whose_capsule_guid_is_the_dpu_guid() {
        byte[] cap = Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes();
        Capsule c = Capsule.parse(cap);
        assertThat(c.kind()).isEqualTo(CapsuleKind.PLAIN);
        assertThat(c.header().capsuleGuid()).isEqualTo(Guid.DPU_MANAGEMENT_OS_IMAGE);
        assertThat(c.dpuImage().payloadOffset()).isEqualTo(28);
        assertThat(c.dpuImage().payloadLength()).isEqualTo(PAYLOAD.length);
    }

    @Test
    void should_refuse_a_plain_capsule_with_the_fmp_guid() {
        assertThat(reasonOf(() -> Capsule.plain(Guid.FMP_CAPSULE))).isEqualTo(FirmwareException.Reason.UNSUPPORTED);
    }

    @Test
    void should_refuse_fmp_settings_on_a_plain_capsule() {
        assertThat(reasonOf(() -> Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE).index(2)))
                .isEqualTo(FirmwareException.Reason.UNSUPPORTED);
    }

    @Test
    void should_honour_header_size_32_on_read() {
        byte[] cap = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).headerSize(32).imageHeaderVersion(2).payload(PAYLOAD)
                .toBytes();
        Capsule c = Capsule.parse(cap);
        assertThat(c.header().headerSize()).isEqualTo(32);
        assertThat(c.dpuImage().payloadOffset()).isEqualTo(32 + 16 + 40);
        assertThat(c.dpuImage().fmpHeader().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void should_reject_wrong_guid_naming_what_the_capsule_carries() {
        Capsule c = Capsule.parse(Capsule.fmp(Guid.parse("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97")).payload(PAYLOAD)
                .toBytes());
        assertThatThrownBy(c::dpuImage).isInstanceOf(FirmwareException.class)
                .hasMessageContaining("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97")
                .hasMessageContaining("3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10");
    }

    @Test
    void should_reject_truncated_and_oversized_capsules() {
        byte[] cap = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes();
        assertThat(reasonOf(() -> Capsule.parse(Arrays.copyOf(cap, cap.length - 1))))
                .isEqualTo(FirmwareException.Reason.TRUNCATED);
        assertThat(reasonOf(() -> Capsule.parse(Arrays.copyOf(cap, cap.length + 3))))
                .isEqualTo(FirmwareException.Reason.OVERSIZED);
        assertThat(reasonOf(() -> Capsule.parse(Arrays.copyOf(cap, 20)))).isEqualTo(FirmwareException.Reason.TRUNCATED);
    }

    @Test
    void should_read_a_capsule_file_and_stream_its_image() throws Exception {
        Path image = dir.resolve("image.bin");
        Files.write(image, PAYLOAD);
        Path file = dir.resolve("dpu.cap");
        Capsule built = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(image).writeTo(file);
        Capsule read = Capsule.read(file);
        assertThat(read).isEqualTo(built);
        try (InputStream in = read.dpuImage().openStream(file)) {
            assertThat(in.readAllBytes()).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void should_stream_parse_and_check_the_end() throws Exception {
        byte[] cap = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes();
        try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(cap))) {
            assertThat(cs.capsule().dpuImage().payloadLength()).isEqualTo(PAYLOAD.length);
            assertThat(cs.payload().readAllBytes()).isEqualTo(PAYLOAD);
            assertThat(cs.finish()).isEqualTo(Capsule.parse(cap));
        }
        byte[] longer = Arrays.copyOf(cap, cap.length + 1);
        try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(longer))) {
            assertThat(reasonOf(cs::finish)).isEqualTo(FirmwareException.Reason.OVERSIZED);
        }
        byte[] shorter = Arrays.copyOf(cap, cap.length - 5);
        try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(shorter))) {
            assertThat(reasonOf(() -> {
                try {
                    cs.payload().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            })).isEqualTo(FirmwareException.Reason.TRUNCATED);
        }
    }

    @Test
    void should_render_header_fields_in_a_table() {
        Capsule c = Capsule.parse(Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes());
        assertThat(c.table().stringColumn("field").asList()).contains("CapsuleGuid", "HeaderSize", "UpdateImageTypeId",
                "ImageCapsuleSupport");
        assertThat(c.toText()).contains("DPU management OS image");
        assertThat(c.toHtml()).startsWith("<table");
    }

    @Test
    void should_pick_the_image_for_a_hardware_instance_as_uefi_does() {
        Path any = dir.resolve("any.cap"), mine = dir.resolve("mine.cap"), other = dir.resolve("other.cap");
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).writeTo(any);
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).instance(0x0300).payload(PAYLOAD).writeTo(mine);
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).instance(0x0400).payload(PAYLOAD).writeTo(other);
        assertThat(Capsule.read(any).image(Guid.DPU_MANAGEMENT_OS_IMAGE, 0x0300).updateHardwareInstance()).isZero();
        assertThat(Capsule.read(mine).image(Guid.DPU_MANAGEMENT_OS_IMAGE, 0x0300).updateHardwareInstance())
                .isEqualTo(0x0300);
        assertThat(reasonOf(() -> Capsule.read(other).image(Guid.DPU_MANAGEMENT_OS_IMAGE, 0x0300)))
                .isEqualTo(FirmwareException.Reason.WRONG_INSTANCE);
        assertThatThrownBy(() -> Capsule.read(other).image(Guid.DPU_MANAGEMENT_OS_IMAGE, 0x0300))
                .hasMessageContaining("0x400").hasMessageContaining("0x300");
        // a plain capsule has no instance field: it applies to every instance
        Path plain = dir.resolve("plain.cap");
        Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).writeTo(plain);
        assertThat(Capsule.read(plain).image(Guid.DPU_MANAGEMENT_OS_IMAGE, 0x0300)).isNotNull();
        assertThat(reasonOf(() -> Capsule.read(other).image(Guid.parse("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97"), 1)))
                .isEqualTo(FirmwareException.Reason.WRONG_GUID);
    }
}
