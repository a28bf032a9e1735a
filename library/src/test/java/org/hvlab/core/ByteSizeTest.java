package org.hvlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void should_format_with_the_largest_exact_unit() {
        assertThat(ByteSize.kib(4).toString()).isEqualTo("4 KiB");
        assertThat(ByteSize.gib(16).format()).isEqualTo("16 GiB");
        assertThat(ByteSize.mib(1536).format()).isEqualTo("1536 MiB");
        assertThat(ByteSize.ofBytes(4097).format()).isEqualTo("4097 B");
        assertThat(ByteSize.ZERO.format()).isEqualTo("0 B");
    }

    @Test
    void should_parse_common_spellings() {
        assertThat(ByteSize.parse("4 KiB")).isEqualTo(ByteSize.kib(4));
        assertThat(ByteSize.parse("4KiB")).isEqualTo(ByteSize.kib(4));
        assertThat(ByteSize.parse("16 gib")).isEqualTo(ByteSize.gib(16));
        assertThat(ByteSize.parse("2M")).isEqualTo(ByteSize.mib(2));
        assertThat(ByteSize.parse("4096")).isEqualTo(ByteSize.PAGE);
        assertThat(ByteSize.parse("4096 B").pages()).isEqualTo(1);
    }

    @Test
    void should_reject_bad_text_saying_how_to_write_it() {
        assertThatThrownBy(() -> ByteSize.parse("four KiB"))
                .isInstanceOf(CoreException.class)
                .hasMessageContaining("'four KiB' is not a size")
                .hasMessageContaining("binary unit")
                .hasMessageContaining("\"4 KiB\"");
        assertThatThrownBy(() -> ByteSize.parse("3 parsecs")).isInstanceOf(CoreException.class);
    }

    @Test
    void should_reject_negative_and_overflowing_sizes() {
        assertThatThrownBy(() -> ByteSize.ofBytes(-1)).isInstanceOf(CoreException.class)
                .hasMessageContaining("never negative");
        assertThatThrownBy(() -> ByteSize.gib(Long.MAX_VALUE)).isInstanceOf(CoreException.class);
        assertThatThrownBy(() -> ByteSize.kib(1).minus(ByteSize.kib(2))).isInstanceOf(CoreException.class);
    }

    @Test
    void should_count_pages_and_alignment() {
        assertThat(ByteSize.gib(4).pages()).isEqualTo(1L << 20);
        assertThat(ByteSize.kib(6).isPageMultiple()).isFalse();
        assertThat(ByteSize.kib(6).alignUp(ByteSize.PAGE)).isEqualTo(ByteSize.kib(8));
        assertThat(ByteSize.pages(3)).isEqualTo(ByteSize.kib(12));
    }

    @Property
    void format_then_parse_is_identity(@ForAll @LongRange(min = 0, max = 1L << 50) long bytes) {
        ByteSize s = ByteSize.ofBytes(bytes);
        assertThat(ByteSize.parse(s.format())).isEqualTo(s);
    }
}
