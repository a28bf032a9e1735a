package org.hvlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void should_print_hex_in_groups_of_four() {
        assertThat(Ipa.of(0x4000_0000L).toString()).isEqualTo("0x4000_0000");
        assertThat(Pa.of(0xbfff_ffffL).hex()).isEqualTo("0xbfff_ffff");
        assertThat(Ipa.of(0x1_2345_6789L).hex()).isEqualTo("0x1_2345_6789");
        assertThat(Ipa.of(0).hex()).isEqualTo("0x0");
        assertThat(Hex.word(0x8000_077fL)).isEqualTo("0x0000_0000_8000_077f");
        assertThat(Hex.parse("0x4000_0000")).isEqualTo(0x4000_0000L);
    }

    @Test
    void should_keep_ipa_and_pa_distinct_types() {
        assertThat((Object) Ipa.of(0x1000)).isNotEqualTo(Pa.of(0x1000));
    }

    @Test
    void should_align_and_split_pages() {
        Ipa a = Ipa.of(0x4000_1234L);
        assertThat(a.alignDown(ByteSize.PAGE)).isEqualTo(Ipa.of(0x4000_1000L));
        assertThat(a.alignUp(ByteSize.PAGE)).isEqualTo(Ipa.of(0x4000_2000L));
        assertThat(a.alignUp(ByteSize.mib(2))).isEqualTo(Ipa.of(0x4020_0000L));
        assertThat(a.isAligned(ByteSize.PAGE)).isFalse();
        assertThat(a.pageNumber()).isEqualTo(0x40001L);
        assertThat(a.pageOffset()).isEqualTo(0x234);
        assertThat(a.checkedAdd(ByteSize.kib(4))).isEqualTo(Ipa.of(0x4000_2234L));
        assertThat(a.offset(-0x234)).isEqualTo(Ipa.of(0x4000_1000L));
        assertThat(Ipa.of(0x5000).minus(Ipa.of(0x1000))).isEqualTo(ByteSize.kib(16));
    }

    @Test
    void should_reject_addresses_outside_52_bits() {
        assertThatThrownBy(() -> Ipa.of(-1)).isInstanceOf(CoreException.class)
                .hasMessageContaining("out of range").hasMessageContaining("2^52");
        assertThatThrownBy(() -> Pa.of(1L << 52).hex()).isInstanceOf(CoreException.class);
        assertThatThrownBy(() -> Ipa.of((1L << 52) - 1).checkedAdd(ByteSize.ofBytes(1)))
                .isInstanceOf(CoreException.class).hasMessageContaining("leaves the address space");
        assertThatThrownBy(() -> Ipa.of(0x1000).alignUp(ByteSize.kib(3)))
                .isInstanceOf(CoreException.class).hasMessageContaining("power of two");
    }

    @Property
    void align_down_is_aligned_and_below(@ForAll @LongRange(min = 0, max = (1L << 52) - 1) long v,
                                         @ForAll @IntRange(min = 0, max = 30) int shift) {
        ByteSize alignment = ByteSize.ofBytes(1L << shift);
        Pa down = Pa.of(v).alignDown(alignment);
        assertThat(down.isAligned(alignment)).isTrue();
        assertThat(down.value()).isLessThanOrEqualTo(v).isGreaterThan(v - alignment.bytes());
    }

    @Property
    void checked_add_then_minus_is_identity(@ForAll @LongRange(min = 0, max = 1L << 50) long base,
                                            @ForAll @LongRange(min = 0, max = 1L << 50) long delta) {
        Ipa a = Ipa.of(base);
        assertThat(a.checkedAdd(ByteSize.ofBytes(delta)).minus(a).bytes()).isEqualTo(delta);
    }
}
