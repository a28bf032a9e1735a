package org.hvlab.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.time.Instant;
import java.util.HashSet;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.stage2.Stage2;
import org.junit.jupiter.api.Test;

class HostMemoryTest {

    @Test
    void should_back_a_frame_only_on_first_write() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa f = mem.allocate();
        assertThat(f).isEqualTo(HostMemory.DEFAULT_BASE);
        assertThat(mem.framesInUse()).isEqualTo(1);
        assertThat(mem.framesBacked()).isZero();
        assertThat(mem.readLong(f.offset(8))).isZero();
        mem.writeLong(f.offset(8), 0x1122_3344_5566_7788L);
        assertThat(mem.framesBacked()).isEqualTo(1);
        assertThat(mem.read(f.offset(8), 1)).isEqualTo(0x88);
        assertThat(mem.read(f.offset(10), 2)).isEqualTo(0x5566);
        assertThat(mem.read(f.offset(12), 4)).isEqualTo(0x1122_3344L);
    }

    @Test
    void should_count_bytes_saved_from_guest_leaf_mappings_not_references() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa ff = mem.allocateFilled(0xFF);
        for (int i = 0; i < 255; i++) mem.retain(ff);
        assertThat(mem.refCount(ff)).isEqualTo(256);
        assertThat(mem.isShared(ff)).isTrue();
        // references alone (owners, tables) map no guest page: nothing is saved
        assertThat(mem.bytesSaved()).isEqualTo(ByteSize.ZERO);
        List<Long> leaves = new ArrayList<>();
        mem.addLeafSource(out -> {
            leaves.forEach(out::accept);
            return leaves.size();
        });
        leaves.add(ff.value());
        assertThat(mem.bytesSaved()).as("one guest page on one frame saves nothing").isEqualTo(ByteSize.ZERO);
        for (int i = 1; i < 256; i++) leaves.add(ff.value());
        assertThat(mem.bytesSaved()).isEqualTo(ByteSize.pages(255));
        leaves.add(0x1_0000_0000L); // outside host memory: counts on neither side
        assertThat(mem.bytesSaved()).isEqualTo(ByteSize.pages(255));
        assertThat(mem.read(ff.offset(0x100), 4)).isEqualTo(0xFFFF_FFFFL);
        for (int i = 0; i < 255; i++) mem.release(ff);
        assertThat(mem.release(ff)).isZero();
        assertThat(mem.framesInUse()).isZero();
        assertThat(mem.framesBacked()).isZero();
    }

    @Test
    void should_mark_frames_and_clear_marks_when_freed() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa ff = mem.allocateFilled(0xFF, true);
        Pa ro = mem.allocate();
        mem.markReadOnly(ro);
        Pa table = mem.allocate();
        mem.markTable(table, 3);
        assertThat(mem.dropsWrites(ff)).isTrue();
        assertThat(mem.isReadOnly(ff)).isTrue();
        assertThat(mem.isReadOnly(ro)).isTrue();
        assertThat(mem.dropsWrites(ro)).isFalse();
        assertThat(mem.tableLevel(table)).isEqualTo(3);
        assertThat(mem.tableLevel(ro)).isEqualTo(-1);
        assertThat(mem.frames().stringColumn("marks").asList()).containsExactly("drop-writes", "read-only", "L3 table");
        mem.release(ff);
        mem.release(table);
        Pa again = mem.allocate();
        assertThat(again).isEqualTo(table);
        assertThat(mem.tableLevel(again)).isEqualTo(-1);
        assertThat(mem.dropsWrites(ff)).isFalse();
        assertThatThrownBy(() -> mem.markDropWrites(ff)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("it is free");
    }

    @Test
    void should_copy_a_frame_into_a_new_one() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa a = mem.allocate();
        mem.writeBytes(a.offset(4090), new byte[] {1, 2, 3, 4, 5, 6});
        Pa b = mem.copy(a);
        assertThat(b).isNotEqualTo(a);
        assertThat(mem.readBytes(b.offset(4090), 6)).containsExactly(1, 2, 3, 4, 5, 6);
        mem.write(b.offset(4090), 1, 9);
        assertThat(mem.read(a.offset(4090), 1)).isEqualTo(1);
    }

    @Test
    void should_name_a_frame_freed_twice() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa f = mem.allocate();
        mem.release(f);
        assertThatThrownBy(() -> mem.release(f))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("cannot release frame 0x8000_0000: it is free")
                .hasMessageContaining("matched by exactly one release()")
                .hasMessageContaining("refCount(pa)")
                .extracting(e -> ((MemoryException) e).reason()).isEqualTo(MemoryException.Reason.FRAME_FREED_TWICE);
    }

    @Test
    void should_reject_addresses_that_are_not_frames() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        assertThatThrownBy(() -> mem.retain(Pa.of(0x1000)))
                .isInstanceOf(MemoryException.class).hasMessageContaining("0x1000 is not a frame of this host")
                .hasMessageContaining("[0x8000_0000..0x800f_ffff]");
        Pa f = mem.allocate();
        assertThatThrownBy(() -> mem.refCount(f.offset(8))).isInstanceOf(MemoryException.class);
        assertThatThrownBy(() -> mem.read(f.offset(4092), 8))
                .isInstanceOf(MemoryException.class).hasMessageContaining("crosses a frame boundary");
        assertThatThrownBy(() -> mem.read(f, 3)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("1, 2, 4 or 8 bytes");
    }

    @Test
    void should_say_what_to_do_when_memory_runs_out() {
        HostMemory mem = new HostMemory(ByteSize.kib(8));
        mem.allocate();
        mem.allocate();
        assertThatThrownBy(mem::allocate)
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("no free frame in 8 KiB").hasMessageContaining("more memory(..)");
    }

    @Test
    void should_reuse_freed_frames_deterministically_and_zeroed() {
        HostMemory mem = new HostMemory(ByteSize.mib(1));
        Pa a = mem.allocate();
        mem.allocate();
        mem.writeLong(a, 42);
        mem.release(a);
        Pa again = mem.allocate();
        assertThat(again).isEqualTo(a);
        assertThat(mem.readLong(again)).isZero();
        assertThat(mem.frames().rowCount()).isEqualTo(2);
    }

    /** A random program of allocate/retain/release against a plain map: counts match and never go negative. */
    @Property(tries = 200)
    void reference_counts_never_go_negative(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 99) Integer> ops) {
        HostMemory mem = new HostMemory(ByteSize.kib(256));
        Map<Pa, Integer> model = new HashMap<>();
        List<Pa> known = new ArrayList<>();
        for (int op : ops) {
            if (op < 30 || known.isEmpty()) {
                if (mem.framesInUse() == mem.frameCount()) continue;
                Pa p = mem.allocate();
                model.put(p, 1);
                if (!known.contains(p)) known.add(p);
            } else {
                Pa p = known.get(op % known.size());
                int before = model.getOrDefault(p, 0);
                if (op < 60) {
                    if (before == 0) {
                        assertThatThrownBy(() -> mem.retain(p)).isInstanceOf(MemoryException.class);
                    } else {
                        mem.retain(p);
                        model.put(p, before + 1);
                    }
                } else if (before == 0) {
                    assertThatThrownBy(() -> mem.release(p)).isInstanceOf(MemoryException.class);
                } else {
                    assertThat(mem.release(p)).isEqualTo(before - 1);
                    model.put(p, before - 1);
                }
            }
            for (Pa p : known) {
                assertThat(mem.refCount(p)).isEqualTo(model.getOrDefault(p, 0)).isNotNegative();
            }
            long inUse = model.values().stream().filter(n -> n > 0).count();
            assertThat(mem.framesInUse()).isEqualTo(inUse);
            assertThat(mem.bytesSaved()).as("references without guest mappings save nothing").isEqualTo(ByteSize.ZERO);
        }
    }

    /**
     * Issue 2's definition, computed from a plain model: bytes saved = (guest pages mapped − distinct host frames
     * those pages use) × 4 KiB, over two VMs mapping and unmapping single pages onto a pool of four frames.
     */
    @Property(tries = 100)
    void bytes_saved_is_guest_pages_minus_host_frames(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 255) Integer> ops) {
        HostMemory mem = new HostMemory(ByteSize.mib(4));
        Trace trace = new Trace(new SimClock(1_000_000_000L, CostModel.load("ampere-altra")),
                Provenance.current(Instant.EPOCH), 10);
        Stage2[] vms = {new Stage2(mem, 1, "vm1", trace), new Stage2(mem, 2, "vm2", trace)};
        Pa[] pool = {mem.allocate(), mem.allocate(), mem.allocate(), mem.allocate()};
        Map<String, Pa> model = new HashMap<>(); // "vm/page" -> frame
        for (int op : ops) {
            int vm = op & 1;
            int page = (op >>> 1) & 7;
            Pa frame = pool[(op >>> 4) & 3];
            Ipa ipa = Ipa.of(0x4000_0000L + ((long) page << 12));
            String key = vm + "/" + page;
            if (model.containsKey(key)) {
                vms[vm].unmap(ipa, ByteSize.PAGE);
                model.remove(key);
            } else {
                vms[vm].mapShared(ipa, ByteSize.PAGE, frame);
                model.put(key, frame);
            }
            long pages = model.size();
            long frames = new HashSet<>(model.values()).size();
            assertThat(mem.bytesSaved()).isEqualTo(ByteSize.pages(pages - frames));
        }
        vms[0].destroy();
        vms[1].destroy();
        assertThat(mem.bytesSaved()).isEqualTo(ByteSize.ZERO);
    }
}
