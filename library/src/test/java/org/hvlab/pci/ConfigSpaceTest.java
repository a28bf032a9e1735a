package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigSpaceTest {

    @Test
    void should_read_little_endian_in_every_width() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE).preset(0, 4, 0x1234_5678L);
        assertThat(cs.read8(0)).isEqualTo(0x78);
        assertThat(cs.read8(3)).isEqualTo(0x12);
        assertThat(cs.read16(2)).isEqualTo(0x1234);
        assertThat(cs.read32(0)).isEqualTo(0x1234_5678);
    }

    @Test
    void should_ignore_and_count_writes_to_read_only_bits() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE).preset(Header.VENDOR_ID, 2, 0x1b36);
        cs.write16(Header.VENDOR_ID, 0xdead);
        assertThat(cs.vendorId()).isEqualTo(0x1b36);
        assertThat(cs.ignoredWrites()).isEqualTo(1);
        cs.write16(Header.VENDOR_ID, 0x1b36); // rewriting the same value is not an attempt to change it
        assertThat(cs.ignoredWrites()).isEqualTo(1);
    }

    @Test
    void should_change_only_read_write_bits() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE).preset(Header.COMMAND, 2, 0).writable(Header.COMMAND, 2, Header.COMMAND_WRITABLE);
        cs.write16(Header.COMMAND, 0xffff);
        assertThat(cs.read16(Header.COMMAND)).isEqualTo(Header.COMMAND_WRITABLE);
        assertThat(cs.ignoredWrites()).isEqualTo(1);
    }

    @Test
    void should_clear_write_one_to_clear_bits_written_as_one_only() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE)
                .preset(Header.STATUS, 2, 0xf910).clearOnWrite(Header.STATUS, 2, Header.STATUS_ERRORS_W1C);
        cs.write16(Header.STATUS, 0x8010);
        assertThat(cs.read16(Header.STATUS)).isEqualTo(0x7910);
        cs.write16(Header.STATUS, 0x0010);
        assertThat(cs.read16(Header.STATUS)).isEqualTo(0x7910);
    }

    @Test
    void should_read_all_ones_past_a_conventional_space_and_drop_writes_there() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE);
        assertThat(cs.read32(0x100)).isEqualTo(-1);
        cs.write32(0x100, 0);
        assertThat(cs.read32(0x100)).isEqualTo(-1);
        assertThat(cs.ignoredWrites()).isEqualTo(1);
        assertThat(cs.toByteArray()).hasSize(256);
    }

    @Test
    void should_reject_unaligned_or_out_of_range_accesses() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.EXPRESS_SIZE);
        assertThatThrownBy(() -> cs.read32(2)).isInstanceOf(PciException.class)
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.REGISTER_RANGE);
        assertThatThrownBy(() -> cs.read16(0x1000)).hasMessageContaining("0x1000");
        assertThatThrownBy(() -> cs.read(0, 3)).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> new ConfigSpace(512)).hasMessageContaining("512");
    }

    @Test
    void should_walk_capabilities_and_stop_on_a_loop() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE)
                .preset(Header.STATUS, 2, Header.STATUS_CAP_LIST).preset(Header.CAPABILITIES_POINTER, 1, 0x40)
                .preset(0x40, 2, 0x5005).preset(0x50, 2, 0x4011); // MSI -> MSI-X -> back to MSI
        assertThat(cs.capabilities()).hasSize(48);
        assertThat(cs.capabilities().get(0)).isEqualTo(new ConfigSpace.CapabilityRef(0x05, 0x40));
        assertThat(cs.capabilities().get(1)).isEqualTo(new ConfigSpace.CapabilityRef(0x11, 0x50));
        assertThat(cs.findCapability(0x11)).hasValue(0x50);
        assertThat(cs.findCapability(0x10)).isEmpty();
    }

    @Test
    void should_ignore_the_capability_pointer_without_the_status_bit() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE).preset(Header.CAPABILITIES_POINTER, 1, 0x40).preset(0x40, 2, 0x0005);
        assertThat(cs.capabilities()).isEmpty();
    }

    @Test
    void should_copy_bytes_masks_and_counter_independently() {
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE).writable(Header.INTERRUPT_LINE, 1, 0xff);
        ConfigSpace copy = cs.copy();
        copy.write8(Header.INTERRUPT_LINE, 9);
        assertThat(copy.read8(Header.INTERRUPT_LINE)).isEqualTo(9);
        assertThat(cs.read8(Header.INTERRUPT_LINE)).isZero();
        assertThat(copy.writeMask(Header.INTERRUPT_LINE, 1)).isEqualTo(0xff);
    }
}
