package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.hvlab.core.ByteSize.ofBytes;

import org.junit.jupiter.api.Test;

class BarTest {

    private static ConfigSpace withBar(int index, Bar bar) {
        return PciFunction.endpoint("t", 0x1b36, 1).bar(index, bar).build().config();
    }

    @Test
    void should_size_a_32_bit_memory_bar_by_writing_all_ones() {
        ConfigSpace cs = withBar(0, Bar.memory32(ofBytes(0x2_0000)).at(0x1000_0000L));
        assertThat(Bar.probe(cs, 0)).hasValue(Bar.memory32(ofBytes(0x2_0000)).at(0x1000_0000L));
        assertThat(cs.read32(Header.BAR0)).isEqualTo(0x1000_0000); // probe restores the address
        cs.write32(Header.BAR0, -1);
        assertThat(cs.read32(Header.BAR0)).isEqualTo(0xfffe_0000);
    }

    @Test
    void should_size_a_64_bit_prefetchable_bar_across_two_registers() {
        Bar bar = Bar.memory64(ofBytes(1L << 33)).withPrefetchable().at(0x40_0000_0000L);
        ConfigSpace cs = withBar(2, bar);
        assertThat(cs.read32(Header.BAR0 + 8) & 0xf).isEqualTo(0xc);
        assertThat(Bar.probe(cs, 2)).hasValue(bar);
        assertThat(cs.read32(Header.BAR0 + 12)).isEqualTo(0x40);
    }

    @Test
    void should_size_an_io_bar() {
        ConfigSpace cs = withBar(1, Bar.io(ofBytes(32)));
        cs.write32(Header.BAR0 + 4, -1);
        assertThat(cs.read32(Header.BAR0 + 4)).isEqualTo(0xffff_ffe1);
        assertThat(Bar.probe(cs, 1)).hasValueSatisfying(b -> assertThat(b.size()).isEqualTo(ofBytes(32)));
    }

    @Test
    void should_report_an_unimplemented_bar_as_empty() {
        assertThat(Bar.probe(withBar(0, Bar.io(ofBytes(4))), 3)).isEmpty();
    }

    @Test
    void should_reject_a_size_that_is_not_a_power_of_two() {
        assertThatThrownBy(() -> Bar.memory32(ofBytes(0x3000))).isInstanceOf(PciException.class)
                .hasMessageContaining("12288").hasMessageContaining("power of two").hasMessageContaining("16384")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.BAR_SIZE);
        assertThatThrownBy(() -> Bar.io(ofBytes(512))).hasMessageContaining("4..256");
    }

    @Test
    void should_reject_a_misaligned_address_and_a_clashing_index() {
        assertThatThrownBy(() -> Bar.memory32(ofBytes(0x1000)).at(0x800)).extracting(e -> ((PciException) e).reason())
                .isEqualTo(PciException.Reason.BAR_ADDRESS);
        assertThatThrownBy(() -> PciFunction.endpoint("t", 1, 1).bar(5, Bar.memory64(ofBytes(0x1000))))
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.BAR_INDEX);
        assertThatThrownBy(() -> PciFunction.endpoint("t", 1, 1).bar(0, Bar.memory64(ofBytes(0x1000))).bar(1, Bar.io(ofBytes(4))))
                .hasMessageContaining("BAR 1");
    }
}
