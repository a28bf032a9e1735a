package org.hvlab.memory.stage2;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.hvlab.core.Pa;
import org.junit.jupiter.api.Test;

class DescriptorTest {

    @Test
    void should_encode_the_shared_no_function_page_as_pa_or_0x77f() {
        Descriptor d = Descriptor.readOnlyShared(Pa.of(0x8000_5000L));
        assertThat(d.raw()).isEqualTo(0x8000_5000L | 0x77F);
        assertThat(Descriptor.page(Pa.of(0x8000_5000L), S2Ap.READ_WRITE).raw()).isEqualTo(0x8000_5000L | 0x7FF);
        assertThat(d.hex()).isEqualTo("0x0000_0000_8000_577f");
        assertThat(d.describe(3)).isEqualTo("page PA 0x8000_5000 NORMAL_WB READ_ONLY SH=inner AF");
        assertThat(d.fields(3)).containsEntry("s2ap", "READ_ONLY").containsEntry("memattr", "NORMAL_WB")
                .containsEntry("sh", "inner").containsEntry("af", "1").containsEntry("oa", "0x8000_5000");
    }

    @Test
    void should_tell_tables_pages_and_blocks_apart_by_level() {
        Descriptor t = Descriptor.table(Pa.of(0x8000_1000L));
        assertThat(t.raw()).isEqualTo(0x8000_1003L);
        assertThat(t.isTable(0)).isTrue();
        assertThat(t.isPage(3)).isTrue();
        assertThat(t.describe(1)).isEqualTo("table -> 0x8000_1000");
        Descriptor b = Descriptor.block(Pa.of(0x4020_0000L), 2, S2Ap.READ_WRITE);
        assertThat(b.isBlock(2)).isTrue();
        assertThat(b.isLeaf(3)).isFalse();
        assertThat(new Descriptor(0).describe(2)).contains("translation fault");
        assertThat(new Descriptor(0).valid()).isFalse();
    }

    @Property
    void encode_then_decode_is_identity(@ForAll @LongRange(min = 0, max = (1L << 36) - 1) long frame,
                                        @ForAll S2Ap ap, @ForAll MemAttr attr, @ForAll boolean cow) {
        Pa pa = Pa.of(frame << 12);
        Descriptor d = Descriptor.page(pa, ap, attr, cow);
        assertThat(d.valid()).isTrue();
        assertThat(d.isPage(3)).isTrue();
        assertThat(d.outputAddress()).isEqualTo(pa);
        assertThat(d.s2ap()).isEqualTo(ap);
        assertThat(d.memAttr()).isEqualTo(attr);
        assertThat(d.copyOnWrite()).isEqualTo(cow);
        assertThat(d.accessFlag()).isTrue();
        assertThat(d.shareability()).isEqualTo(3);
        assertThat(d.readable()).isEqualTo(ap.readable());
        assertThat(d.writable()).isEqualTo(ap.writable());
        assertThat(new Descriptor(d.raw()).withS2ap(ap)).isEqualTo(d);
    }
}
