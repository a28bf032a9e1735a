package org.hvlab.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GuidTest {

    @Test
    void should_store_fmp_guid_in_mixed_endian_order() {
        assertThat(HexFormat.of().formatHex(Guid.FMP_CAPSULE.toEfiBytes()))
                .isEqualTo("edd5cb6d2de8444cbda17194199ad92a");
        assertThat(HexFormat.of().formatHex(Guid.parse("3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10").toEfiBytes()))
                .isEqualTo("5e7c1b3f2a8d6b4e9a410c7d2e5f9b10");
    }

    @Test
    void should_use_the_dpu_management_os_guid_of_the_project_reference() {
        // reference/capsule.md section 5: the emulator's DPU management OS image type and its bytes on disk
        assertThat(Guid.DPU_MANAGEMENT_OS_IMAGE.toString()).isEqualTo("3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10");
        assertThat(HexFormat.of().formatHex(Guid.DPU_MANAGEMENT_OS_IMAGE.toEfiBytes()))
                .isEqualTo("5e7c1b3f2a8d6b4e9a410c7d2e5f9b10");
    }

    @Test
    void should_parse_braced_upper_case_and_format_lower_case() {
        assertThat(Guid.parse("{6DCBD5ED-E82D-4C44-BDA1-7194199AD92A}")).isEqualTo(Guid.FMP_CAPSULE);
        assertThat(Guid.FMP_CAPSULE.toString()).isEqualTo("6dcbd5ed-e82d-4c44-bda1-7194199ad92a");
    }

    @Test
    void should_reject_malformed_guid_text() {
        assertThatThrownBy(() -> Guid.parse("6dcbd5ed-e82d-4c44-bda1"))
                .isInstanceOfSatisfying(FirmwareException.class,
                        e -> assertThat(e.reason()).isEqualTo(FirmwareException.Reason.GUID_SYNTAX));
    }

    @Test
    void should_make_dpu_guid_a_version_4_guid() {
        assertThat(Guid.DPU_MANAGEMENT_OS_IMAGE.toUuid().version()).isEqualTo(4);
        assertThat(Guid.DPU_MANAGEMENT_OS_IMAGE.toUuid().variant()).isEqualTo(2);
    }

    @Property
    void efi_bytes_round_trip(@ForAll long msb, @ForAll long lsb) {
        Guid g = new Guid(msb, lsb);
        assertThat(Guid.fromEfiBytes(g.toEfiBytes(), 0)).isEqualTo(g);
        assertThat(Guid.parse(g.toString())).isEqualTo(g);
    }

    @Property
    void efi_bytes_reverse_the_first_three_fields_of_the_big_endian_form(@ForAll long seed) {
        Guid g = Guid.random(new Random(seed));
        byte[] be = java.nio.ByteBuffer.allocate(16).putLong(g.mostSignificantBits())
                .putLong(g.leastSignificantBits()).array();
        byte[] efi = g.toEfiBytes();
        int[] perm = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) assertThat(efi[i]).isEqualTo(be[perm[i]]);
        assertThat(g.toUuid().version()).isEqualTo(4);
    }
}
