package org.hvlab.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made bad capsules: each is refused with the reason that names its fault. */
class CapsuleValidationTest {

    static final byte[] PAYLOAD = new byte[64];

    static byte[] fmp() {
        return Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(PAYLOAD).toBytes();
    }

    static FirmwareException.Reason parse(byte[] b) {
        return CapsuleTest.reasonOf(() -> Capsule.parse(b));
    }

    static FirmwareException.Reason stream(byte[] b) {
        return CapsuleTest.reasonOf(() -> {
            try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(b))) {
                cs.payload().readAllBytes();
                cs.finish();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void should_require_persist_across_reset_with_initiate_reset_or_populate_system_table() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE)
                        .resetFlags(EfiCapsuleHeader.FLAG_INITIATE_RESET))
                .isInstanceOf(FirmwareException.class).hasMessageContaining("PERSIST_ACROSS_RESET");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE)
                        .resetFlags(EfiCapsuleHeader.FLAG_POPULATE_SYSTEM_TABLE))
                .isInstanceOf(FirmwareException.class).hasMessageContaining("Add EfiCapsuleHeader.FLAG_PERSIST_ACROSS_RESET");
        assertThat(Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).resetFlags(EfiCapsuleHeader.FLAG_PERSIST_ACROSS_RESET
                | EfiCapsuleHeader.FLAG_INITIATE_RESET)).isNotNull();
    }

    @Test
    void should_reject_header_size_below_28() {
        byte[] b = fmp();
        Le.put(b, 16, 4, 20);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_HEADER_SIZE);
        assertThat(stream(b)).isEqualTo(FirmwareException.Reason.BAD_HEADER_SIZE);
    }

    @Test
    void should_reject_header_size_beyond_the_capsule() {
        byte[] b = fmp();
        Le.put(b, 16, 4, b.length + 1);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_HEADER_SIZE);
    }

    @Test
    void should_reject_unknown_fmp_and_image_header_versions() {
        byte[] b = fmp();
        Le.put(b, 28, 4, 2);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_VERSION);
        assertThat(stream(b)).isEqualTo(FirmwareException.Reason.BAD_VERSION);
        byte[] c = fmp();
        Le.put(c, 44, 4, 4);
        assertThat(parse(c)).isEqualTo(FirmwareException.Reason.BAD_VERSION);
        assertThat(stream(c)).isEqualTo(FirmwareException.Reason.BAD_VERSION);
    }

    @Test
    void should_reject_item_offsets_outside_the_capsule_or_inside_the_fmp_header() {
        byte[] b = fmp();
        Le.put(b, 36, 8, 8);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_ITEM_OFFSET);
        assertThat(stream(b)).isEqualTo(FirmwareException.Reason.BAD_ITEM_OFFSET);
        Le.put(b, 36, 8, 1L << 40);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_ITEM_OFFSET);
    }

    @Test
    void should_reject_an_image_size_larger_than_the_capsule() {
        byte[] b = fmp();
        Le.put(b, 68, 4, PAYLOAD.length + 1);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.TRUNCATED);
        assertThat(stream(b)).isEqualTo(FirmwareException.Reason.TRUNCATED);
        Le.put(b, 68, 4, PAYLOAD.length - 1);
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.OVERSIZED);
        assertThat(stream(b)).isEqualTo(FirmwareException.Reason.OVERSIZED);
    }

    @Test
    void should_reject_image_index_zero() {
        byte[] b = fmp();
        b[64] = 0;
        assertThat(parse(b)).isEqualTo(FirmwareException.Reason.BAD_IMAGE_INDEX);
    }

    @Test
    void should_parse_two_payloads_and_a_driver_from_a_file_but_not_from_a_stream() {
        // GIVEN an FMP capsule with one driver and two payloads of different types, made by hand
        Guid other = Guid.parse("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97");
        byte[] driver = new byte[10];
        FmpImageHeader h1 = new FmpImageHeader(3, other, 1, 5, 0, 0, 0);
        FmpImageHeader h2 = new FmpImageHeader(2, Guid.DPU_MANAGEMENT_OS_IMAGE, 2, 7, 3, 9, 0);
        int fmpSize = 8 + 8 * 3;
        long d = fmpSize, p1 = d + driver.length, p2 = p1 + h1.size() + 5;
        FmpCapsuleHeader fmp = new FmpCapsuleHeader(1, 1, 2, List.of(d, p1, p2));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(fmp.encode());
        body.writeBytes(driver);
        body.writeBytes(h1.encode());
        body.writeBytes(new byte[] {1, 2, 3, 4, 5});
        body.writeBytes(h2.encode());
        body.writeBytes(new byte[] {6, 6, 6, 6, 6, 6, 6, 9, 9, 9});
        EfiCapsuleHeader eh = new EfiCapsuleHeader(Guid.FMP_CAPSULE, 32, 0, 32 + body.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(eh.encode());
        all.writeBytes(body.toByteArray());
        // WHEN parsed THEN both images are found at the right offsets
        Capsule c = Capsule.parse(all.toByteArray());
        assertThat(c.images()).hasSize(2);
        CapsuleImage dpu = c.dpuImage();
        assertThat(dpu.payloadOffset()).isEqualTo(32 + p2 + h2.size());
        assertThat(dpu.payloadLength()).isEqualTo(7);
        assertThat(dpu.updateHardwareInstance()).isEqualTo(9);
        assertThat(c.image(other).payloadLength()).isEqualTo(5);
        assertThat(stream(all.toByteArray())).isEqualTo(FirmwareException.Reason.UNSUPPORTED);
        assertThat(c.table().rowCount()).isGreaterThan(20);
    }
}
