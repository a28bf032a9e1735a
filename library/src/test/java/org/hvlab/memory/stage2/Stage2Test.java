package org.hvlab.memory.stage2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MemoryException;
import org.junit.jupiter.api.Test;

class Stage2Test {
    static final CostModel COSTS = CostModel.load("ampere-altra");

    static Trace trace() {
        return new Trace(new SimClock(1_000_000_000L, COSTS), Provenance.current(Instant.EPOCH), 100);
    }

    private final HostMemory mem = new HostMemory(ByteSize.mib(64));
    private final Stage2 s2 = new Stage2(mem, 1, "vm1", trace());

    @Test
    void should_walk_four_levels_to_the_page() {
        Pa frame = mem.allocate();
        s2.map(Ipa.of(0x4000_0000L), frame, ByteSize.PAGE, S2Ap.READ_WRITE);
        Stage2Walk w = s2.walk(Ipa.of(0x4000_0123L));
        assertThat(w.steps()).hasSize(4);
        assertThat(w.steps()).extracting(Stage2Walk.Step::level).containsExactly(0, 1, 2, 3);
        assertThat(w.steps().get(0).table()).isEqualTo(s2.root());
        assertThat(w.steps().get(1).index()).isEqualTo(1);
        assertThat(w.steps().get(3).descriptor().raw()).isEqualTo(frame.value() | 0x7FF);
        assertThat(w.pa()).contains(frame.offset(0x123));
        assertThat(w.toText()).contains("L3").contains("=> PA " + frame.offset(0x123));
        assertThat(w.toHtml()).startsWith("<table").contains("READ_WRITE");
        // each level's line in the view: its table's address, the index into it and the descriptor in hex
        String[] lines = w.toText().split("\n");
        for (int level = 0; level < 4; level++) {
            Stage2Walk.Step step = w.steps().get(level);
            assertThat(lines[level + 1]).startsWith("  L" + level).contains("table " + step.table())
                    .contains("[" + String.format("%3d", step.index()) + "]").contains(step.descriptor().hex());
            assertThat(w.toHtml()).contains("<code>" + step.table() + "</code>")
                    .contains("<code>" + step.descriptor().hex() + "</code>");
        }
        assertThat(w.table().rowCount()).isEqualTo(4);
        Stage2Walk miss = s2.walk(Ipa.of(0x8000_0000L));
        assertThat(miss.translated()).isFalse();
        assertThat(miss.faultLevel()).isEqualTo(1);
        assertThat(miss.toText()).contains("translation fault at level 1");
        assertThat(s2.vttbr() >>> 48).isEqualTo(1);
    }

    @Property(tries = 300)
    void map_then_translate_inverts(@ForAll @LongRange(min = 0, max = (1L << 36) - 16) long page,
                                    @ForAll @IntRange(min = 1, max = 8) int pages,
                                    @ForAll @IntRange(min = 0, max = 4095) int offset) {
        HostMemory m = new HostMemory(ByteSize.mib(1));
        Stage2 t = new Stage2(m, 3, "p", trace());
        Ipa ipa = Ipa.of(page << 12);
        Pa pa = m.allocate();
        for (int i = 1; i < pages; i++) m.allocate();
        t.map(ipa, pa, ByteSize.pages(pages), S2Ap.READ_ONLY);
        for (int i = 0; i < pages; i++) {
            assertThat(t.translate(ipa.offset(i * 4096L + offset))).contains(pa.offset(i * 4096L + offset));
        }
        assertThat(t.mappedPages()).isEqualTo(pages);
        assertThat(m.refCount(pa)).isEqualTo(2);
    }

    @Property(tries = 200)
    void unmap_removes_exactly_the_range(@ForAll @IntRange(min = 0, max = 1200) int from,
                                         @ForAll @IntRange(min = 1, max = 900) int count) {
        HostMemory m = new HostMemory(ByteSize.mib(8));
        Stage2 t = new Stage2(m, 2, "p", trace());
        Ipa base = Ipa.of(0x3f_e0_0000L); // crosses a 2 MiB and a 1 GiB boundary
        Pa frame = m.allocate();
        t.mapShared(base, ByteSize.pages(1536), frame);
        t.unmap(base.offset(from * 4096L), ByteSize.pages(count));
        for (int p = 0; p < 1536; p++) {
            boolean gone = p >= from && p < from + count;
            assertThat(t.translate(base.offset(p * 4096L)).isPresent()).as("page %d", p).isEqualTo(!gone);
        }
        long removed = Math.max(0, Math.min(1536, from + count) - from);
        assertThat(t.mappedPages()).isEqualTo(1536 - removed);
        assertThat(m.refCount(frame)).isEqualTo(1 + 1536 - (int) removed);
    }

    @Test
    void should_map_many_pages_to_one_shared_frame() {
        Pa ff = mem.allocateFilled(0xFF);
        Ipa ecam = Ipa.of(0x3f00_0000L);
        s2.mapShared(ecam, ByteSize.mib(1), ff);
        assertThat(s2.mappedPages()).isEqualTo(256);
        assertThat(mem.refCount(ff)).isEqualTo(257);
        assertThat(s2.descriptor(ecam.offset(0x8000))).hasValueSatisfying(d -> {
            assertThat(d.raw()).isEqualTo(ff.value() | 0x77F);
            assertThat(d.writable()).isFalse();
        });
        assertThat(s2.mappings()).hasSize(1).first().satisfies(m -> {
            assertThat(m.oneFrame()).isTrue();
            assertThat(m.pages()).isEqualTo(256);
            assertThat(m.pa()).isEqualTo(ff);
        });
    }

    @Test
    void should_share_a_leaf_table_between_vms_and_copy_it_on_change() {
        // GIVEN vm1 maps a 2 MiB ECAM region to the shared page, and vm2 installs vm1's leaf table
        Pa ff = mem.allocateFilled(0xFF);
        Ipa ecam = Ipa.of(0x3f00_0000L);
        s2.mapShared(ecam, ByteSize.mib(2), ff);
        Pa leaf = s2.tableAt(ecam, 3).orElseThrow();
        Stage2 vm2 = new Stage2(mem, 2, "vm2", trace());
        vm2.installTable(ecam, 3, leaf);
        assertThat(mem.refCount(leaf)).isEqualTo(2);
        assertThat(vm2.mappedPages()).isEqualTo(512);
        assertThat(vm2.translate(ecam.offset(0x1234))).contains(ff.offset(0x234));
        assertThat(vm2.tableUsage().sharedPages()).isEqualTo(1);
        assertThat(vm2.tableUsage().tablePages()).isEqualTo(4);
        assertThat(vm2.tableFrames()).contains(leaf);
        long frames = mem.framesInUse();

        // WHEN vm2 unmaps one page inside the shared table
        vm2.unmap(ecam, ByteSize.PAGE);

        // THEN vm2 got a private copy; vm1 still maps the page
        assertThat(vm2.translate(ecam)).isEmpty();
        assertThat(s2.translate(ecam)).contains(ff);
        assertThat(vm2.tableAt(ecam, 3)).isPresent().get().isNotEqualTo(leaf);
        assertThat(mem.refCount(leaf)).isEqualTo(1);
        assertThat(mem.framesInUse()).isEqualTo(frames + 1);
        assertThat(mem.refCount(ff)).isEqualTo(1 + 512 + 511);

        // AND unmapping a whole shared 2 MiB region only drops the reference
        Stage2 vm3 = new Stage2(mem, 3, "vm3", trace());
        vm3.installTable(ecam, 3, leaf);
        vm3.unmap(ecam, ByteSize.mib(2));
        assertThat(mem.refCount(leaf)).isEqualTo(1);
        assertThat(vm3.mappedPages()).isZero();
        assertThat(s2.mappedPages()).isEqualTo(512);
    }

    @Test
    void should_release_every_frame_when_destroyed() {
        long before = mem.framesInUse();
        Stage2 t = new Stage2(mem, 5, "tmp", trace());
        Pa f = mem.allocate();
        t.map(Ipa.of(0x4000_0000L), f, ByteSize.PAGE, S2Ap.READ_WRITE);
        t.map(Ipa.of(0x10_0000_0000L), f, ByteSize.PAGE, S2Ap.READ_ONLY);
        mem.release(f);
        t.destroy();
        assertThat(mem.framesInUse()).isEqualTo(before);
        assertThatThrownBy(() -> t.map(Ipa.of(0), f, ByteSize.PAGE, S2Ap.READ_ONLY))
                .isInstanceOf(MemoryException.class).hasMessageContaining("destroyed");
    }

    @Test
    void should_protect_existing_pages_only() {
        Pa f = mem.allocate();
        s2.map(Ipa.of(0x4000_0000L), f, ByteSize.PAGE, S2Ap.READ_WRITE);
        s2.protect(Ipa.of(0x4000_0000L), ByteSize.PAGE, S2Ap.READ_ONLY);
        assertThat(s2.descriptor(Ipa.of(0x4000_0000L)).orElseThrow().s2ap()).isEqualTo(S2Ap.READ_ONLY);
        assertThatThrownBy(() -> s2.protect(Ipa.of(0x4000_0000L), ByteSize.kib(8), S2Ap.READ_ONLY))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("IPA 0x4000_1000").hasMessageContaining("is not mapped")
                .hasMessageContaining("Map it first");
        assertThat(s2.descriptor(Ipa.of(0x4000_0000L)).orElseThrow().s2ap()).isEqualTo(S2Ap.READ_ONLY);
    }

    @Test
    void should_refuse_bad_mappings_without_changing_anything() {
        Pa f = mem.allocate();
        s2.map(Ipa.of(0x4000_1000L), f, ByteSize.PAGE, S2Ap.READ_WRITE);
        long pages = s2.mappedPages();
        assertThatThrownBy(() -> s2.map(Ipa.of(0x4000_0000L), f, ByteSize.kib(8), S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("IPA 0x4000_1000 is already mapped in vm1 (to PA " + f + ")")
                .hasMessageContaining("unmap(..) it first");
        assertThat(s2.mappedPages()).isEqualTo(pages);
        assertThat(s2.translate(Ipa.of(0x4000_0000L))).isEmpty();
        assertThatThrownBy(() -> s2.map(Ipa.of(0x4000_0800L), f, ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("not page aligned");
        assertThatThrownBy(() -> s2.map(Ipa.of(0xffff_ffff_f000L), f, ByteSize.kib(8), S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("48-bit");
        Stage2 other = new Stage2(mem, 9, "vm9", trace());
        other.mapShared(Ipa.of(0x4000_0000L), ByteSize.PAGE, f);
        Pa table = other.tableAt(Ipa.of(0x4000_0000L), 3).orElseThrow();
        assertThatThrownBy(() -> s2.installTable(Ipa.of(0x4000_0000L), 3, table))
                .isInstanceOf(MemoryException.class).hasMessageContaining("already has a level-3 table");
        assertThatThrownBy(() -> s2.installTable(Ipa.of(0x4000_1000L), 3, table))
                .isInstanceOf(MemoryException.class).hasMessageContaining("not page aligned");
    }

    @Test
    void should_refuse_to_install_a_frame_that_is_not_a_table_page() {
        // a fresh, unmapped frame: its zero bytes would be read as invalid descriptors, but nothing says it is a table
        Pa plain = mem.allocate();
        assertThatThrownBy(() -> s2.installTable(Ipa.of(0x4000_0000L), 3, plain))
                .isInstanceOf(MemoryException.class).hasMessageContaining("is not a table page, not a level-3 table")
                .hasMessageContaining("tableAt(");
        assertThat(s2.translate(Ipa.of(0x4000_0000L))).isEmpty();
    }

    @Test
    void should_refuse_a_writable_mapping_of_a_frame_shared_read_only() {
        // GIVEN the host's 0xFF page mapped read-only in vm1, and a frame vm1 shares read-only
        Pa ff = mem.allocateFilled(0xFF);
        s2.mapShared(Ipa.of(0x3f00_0000L), ByteSize.kib(8), ff);
        Pa shared = mem.allocate();
        s2.map(Ipa.of(0x4000_0000L), shared, ByteSize.PAGE, S2Ap.READ_ONLY);
        Stage2 vm2 = new Stage2(mem, 2, "vm2", trace());

        // THEN neither vm2 nor vm1 can make it writable
        assertThatThrownBy(() -> vm2.map(Ipa.of(0x5000_0000L), ff, ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("cannot map frame " + ff + " writable")
                .hasMessageContaining("mapped by 2 other stage-2 entries").hasMessageContaining("mapCopyOnWrite")
                .satisfies(e -> assertThat(((MemoryException) e).reason())
                        .isEqualTo(MemoryException.Reason.SHARED_FRAME));
        assertThatThrownBy(() -> vm2.map(Ipa.of(0x5000_0000L), shared, ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("writable");
        assertThatThrownBy(() -> s2.protect(Ipa.of(0x3f00_0000L), ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("cannot map frame " + ff + " writable");
        assertThatThrownBy(() -> vm2.remap(Ipa.of(0x5000_0000L), Descriptor.page(shared, S2Ap.READ_WRITE)))
                .isInstanceOf(MemoryException.class).hasMessageContaining("writable");
        assertThat(vm2.mappedPages()).isZero();
        assertThat(s2.descriptor(Ipa.of(0x3f00_0000L)).orElseThrow().writable()).isFalse();

        // AND a frame the host marked read-only is refused even before anyone maps it
        Pa constant = mem.allocateFilled(0xFF, true);
        assertThatThrownBy(() -> vm2.map(Ipa.of(0x5000_0000L), constant, ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("the host marked it read-only");

        // BUT a page of its own can be made writable again, and a private frame mapped writable
        s2.protect(Ipa.of(0x4000_0000L), ByteSize.PAGE, S2Ap.READ_WRITE);
        vm2.map(Ipa.of(0x5000_0000L), mem.allocate(), ByteSize.PAGE, S2Ap.READ_WRITE);
    }

    @Test
    void should_refuse_to_make_writable_a_page_reached_through_a_shared_table() {
        Pa frame = mem.allocate();
        Ipa at = Ipa.of(0x4000_0000L);
        s2.map(at, frame, ByteSize.PAGE, S2Ap.READ_ONLY);
        Stage2 vm2 = new Stage2(mem, 2, "vm2", trace());
        vm2.installTable(at, 3, s2.tableAt(at, 3).orElseThrow());
        assertThatThrownBy(() -> s2.protect(at, ByteSize.PAGE, S2Ap.READ_WRITE)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("cannot map frame " + frame + " writable");
        assertThatThrownBy(() -> vm2.protect(at, ByteSize.PAGE, S2Ap.READ_WRITE)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("writable");
        assertThatThrownBy(() -> vm2.remap(at, Descriptor.page(frame, S2Ap.READ_WRITE)))
                .isInstanceOf(MemoryException.class).hasMessageContaining("writable");
        assertThat(vm2.descriptor(at).orElseThrow().writable()).isFalse();
        assertThat(s2.descriptor(at).orElseThrow().writable()).isFalse();
    }

    @Test
    void should_check_every_frame_before_changing_any_table() {
        Pa a = mem.allocate();
        Pa b = mem.allocate();
        Pa c = mem.allocate();
        mem.release(c); // the third frame of the range is free
        long pages = s2.mappedPages();
        long frames = mem.framesInUse();
        assertThatThrownBy(() -> s2.map(Ipa.of(0x4000_0000L), a, ByteSize.kib(12), S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("frame " + c + " for IPA 0x4000_2000 in vm1 is free")
                .hasMessageContaining("allocate() the frame first");
        assertThat(s2.mappedPages()).isEqualTo(pages);
        assertThat(s2.translate(Ipa.of(0x4000_0000L))).isEmpty();
        assertThat(mem.framesInUse()).isEqualTo(frames);
        assertThat(mem.refCount(a)).isEqualTo(1);
        assertThat(b).isNotNull();

        // a table page is never a guest page
        s2.map(Ipa.of(0x4000_0000L), a, ByteSize.PAGE, S2Ap.READ_WRITE);
        Pa leaf = s2.tableAt(Ipa.of(0x4000_0000L), 3).orElseThrow();
        assertThatThrownBy(() -> s2.map(Ipa.of(0x6000_0000L), leaf, ByteSize.PAGE, S2Ap.READ_WRITE))
                .isInstanceOf(MemoryException.class).hasMessageContaining("is a level-3 stage-2 table page");
        assertThatThrownBy(() -> s2.mapShared(Ipa.of(0x6000_0000L), ByteSize.PAGE, s2.root()))
                .isInstanceOf(MemoryException.class).hasMessageContaining("is a level-0 stage-2 table page");
        assertThat(s2.translate(Ipa.of(0x6000_0000L))).isEmpty();
    }

    @Test
    void should_install_only_a_table_page_of_the_same_level() {
        Pa data = mem.allocate();
        s2.map(Ipa.of(0x4000_0000L), data, ByteSize.PAGE, S2Ap.READ_WRITE);
        Pa l3 = s2.tableAt(Ipa.of(0x4000_0000L), 3).orElseThrow();
        Pa l2 = s2.tableAt(Ipa.of(0x4000_0000L), 2).orElseThrow();
        Stage2 vm2 = new Stage2(mem, 2, "vm2", trace());
        assertThatThrownBy(() -> vm2.installTable(Ipa.of(0x4000_0000L), 3, data))
                .isInstanceOf(MemoryException.class).hasMessageContaining("is a data page mapped into a guest");
        assertThatThrownBy(() -> vm2.installTable(Ipa.of(0x4000_0000L), 3, l2))
                .isInstanceOf(MemoryException.class).hasMessageContaining("is a level-2 table, not a level-3 table");
        assertThat(vm2.mappedPages()).isZero();
        vm2.installTable(Ipa.of(0x4000_0000L), 3, l3);
        assertThat(vm2.translate(Ipa.of(0x4000_0000L))).contains(data);
        assertThatThrownBy(() -> s2.tableAt(Ipa.of(0), 4)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("levels 0 (the root) to 3");
        assertThatThrownBy(() -> s2.tableAt(Ipa.of(0), -1)).isInstanceOf(MemoryException.class);
        assertThat(s2.tableAt(Ipa.of(0x4000_0000L), 0)).contains(s2.root());
    }
}
