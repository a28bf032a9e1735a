package org.hvlab.memory.stage2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.hvlab.core.Pa;
import org.hvlab.memory.MemoryException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

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

    @Test
    void should_list_the_bit_fields_of_the_shared_page_descriptor() {
        Table t = Descriptor.readOnlyShared(Pa.of(0x8000_5000L)).bitFields(3);
        assertThat(t.stringColumn("field").asList())
                .containsExactly("valid", "type", "MemAttr", "S2AP", "SH", "AF", "output address", "XN", "software");
        assertThat(t.stringColumn("bits").asList())
                .containsExactly("0", "1", "5:2", "7:6", "9:8", "10", "47:12", "54", "58:55");
        assertThat(t.stringColumn("value").asList())
                .containsExactly("1", "1", "0b1111", "0b01", "0b11", "1", "0x8000_5000", "0", "0b0000");
        assertThat(t.stringColumn("meaning").get(1)).isEqualTo("page (4 KiB)");
        assertThat(t.stringColumn("meaning").get(3)).contains("read-only").contains("DFSC 0x0f");
        assertThat(t.name()).isEqualTo("descriptor 0x0000_0000_8000_577f at L3");
    }

    @Test
    void should_list_tables_blocks_cow_and_invalid_entries_by_their_own_fields() {
        Table table = Descriptor.table(Pa.of(0x8000_1000L)).bitFields(0);
        assertThat(table.stringColumn("field").asList()).containsExactly("valid", "type", "next-level table address");
        assertThat(table.stringColumn("value").get(2)).isEqualTo("0x8000_1000");
        assertThat(table.stringColumn("meaning").get(1)).contains("level-1 table");

        Table block = Descriptor.block(Pa.of(0x4020_0000L), 2, S2Ap.READ_WRITE).bitFields(2);
        assertThat(block.stringColumn("meaning").get(1)).isEqualTo("block (2 MiB)");
        assertThat(block.stringColumn("value").get(3)).isEqualTo("0b11");

        Table cow = Descriptor.page(Pa.of(0x8000_2000L), S2Ap.READ_ONLY, MemAttr.NORMAL_WB, true).bitFields(3);
        assertThat(cow.stringColumn("value").get(8)).isEqualTo("0b0001");
        assertThat(cow.stringColumn("meaning").get(8)).contains("copy-on-write");

        Table invalid = new Descriptor(0).bitFields(2);
        assertThat(invalid.rowCount()).isEqualTo(1);
        assertThat(invalid.stringColumn("meaning").get(0)).contains("translation fault").contains("0x06");

        assertThat(Descriptor.table(Pa.of(0x8000_1000L)).bitFields(3).stringColumn("meaning").get(1))
                .isEqualTo("page (4 KiB)");
        assertThat(new Descriptor(0x8000_1001L).bitFields(3).stringColumn("meaning").get(1)).contains("reserved");
        assertThatThrownBy(() -> new Descriptor(0).bitFields(4)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("levels 0 to 3");
    }

    @Property
    void encode_then_decode_is_identity(@ForAll @LongRange(min = 0, max = (1L << 36) - 1) long frame,
                                        @ForAll S2Ap ap, @ForAll MemAttr attr, @ForAll boolean cow) {
        Assume.that(attr != MemAttr.UNKNOWN); // a decoded name only, nothing to encode
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

    @Test
    void should_name_an_unknown_memattr_and_refuse_a_misaligned_block() {
        Descriptor odd = new Descriptor(Descriptor.page(Pa.of(0x8000_0000L), S2Ap.READ_WRITE).raw() & ~(0xFL << 2)
                | (0b0011L << 2));
        assertThat(odd.memAttr()).isEqualTo(MemAttr.UNKNOWN);
        assertThat(odd.memAttrBits()).isEqualTo(0b0011);
        assertThat(odd.fields(3).get("memattr")).isEqualTo("0b11");
        assertThatThrownBy(() -> Descriptor.block(Pa.of(0x4010_0000L), 2, S2Ap.READ_WRITE))
                .isInstanceOf(org.hvlab.memory.MemoryException.class).hasMessageContaining("not aligned to 2 MiB");
        assertThatThrownBy(() -> Descriptor.block(Pa.of(0x4020_0000L), 1, S2Ap.READ_WRITE))
                .isInstanceOf(org.hvlab.memory.MemoryException.class).hasMessageContaining("not aligned to 1 GiB");
        assertThat(Descriptor.block(Pa.of(0x4000_0000L), 1, S2Ap.READ_WRITE).outputAddress())
                .isEqualTo(Pa.of(0x4000_0000L));
        assertThatThrownBy(() -> Descriptor.block(Pa.of(0x4000_0000L), 3, S2Ap.READ_WRITE))
                .isInstanceOf(org.hvlab.memory.MemoryException.class).hasMessageContaining("level 3");
    }
}
