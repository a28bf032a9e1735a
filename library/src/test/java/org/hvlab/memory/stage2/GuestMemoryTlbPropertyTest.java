package org.hvlab.memory.stage2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.MemoryException;
import org.junit.jupiter.api.Test;

/**
 * Issue 2: the TLB is stale until an explicit invalidation, as hardware is. Through {@link GuestMemory} (the
 * inline fast path and the slow path): access a page, change its translation through {@code stage2()} directly,
 * access again (the old translation), invalidate, access again (the new translation, or the fault).
 */
class GuestMemoryTlbPropertyTest {
    private static final Ipa BASE = Ipa.of(0x10_0000_0000L); // outside RAM: an unmapped page faults

    @Property(tries = 100)
    void a_table_change_is_seen_only_after_invalidation(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 63) Integer> ops,
            @ForAll @IntRange(min = 0, max = 4) int tlbBits) {
        HostMemory mem = new HostMemory(ByteSize.mib(4));
        Trace trace = Stage2Test.trace();
        SimClock clock = new SimClock(1_000_000_000L, Stage2Test.COSTS);
        GuestMemory g = new GuestMemory("vm1", 1, mem, new Tlb(1 << tlbBits), clock, trace, mem.allocate());
        int pages = 8;
        Pa[] a = new Pa[pages];
        Pa[] b = new Pa[pages];
        boolean[] onB = new boolean[pages];
        for (int k = 0; k < pages; k++) {
            a[k] = mem.allocate();
            b[k] = mem.allocate();
            mem.writeLong(a[k], 100 + k);
            mem.writeLong(b[k], 200 + k);
            g.map(page(k), a[k], ByteSize.PAGE, S2Ap.READ_WRITE);
        }
        for (int op : ops) {
            int k = op & 7;
            Ipa ipa = page(k);
            long old = (onB[k] ? 200 : 100) + k;
            assertThat(g.readLong(ipa)).isEqualTo(old);
            assertThat(g.read(ipa, 4)).isEqualTo(old); // the slow path agrees
            switch (op >>> 3 & 3) {
                case 0 -> { // remap to the other frame
                    onB[k] = !onB[k];
                    g.stage2().remap(ipa, Descriptor.page(onB[k] ? b[k] : a[k], S2Ap.READ_WRITE));
                    assertThat(g.readLong(ipa)).as("stale until invalidated").isEqualTo(old);
                    g.invalidate(ipa, ByteSize.PAGE);
                    assertThat(g.readLong(ipa)).isEqualTo((onB[k] ? 200 : 100) + k);
                }
                case 1 -> { // unmap: a fault after invalidation
                    g.stage2().unmap(ipa, ByteSize.PAGE);
                    assertThat(g.readLong(ipa)).as("stale until invalidated").isEqualTo(old);
                    g.invalidate(ipa, ByteSize.PAGE);
                    assertThatThrownBy(() -> g.readLong(ipa)).isInstanceOf(MemoryException.class)
                            .hasMessageContaining("is not mapped");
                    onB[k] = false;
                    g.map(ipa, a[k], ByteSize.PAGE, S2Ap.READ_WRITE);
                }
                case 2 -> { // read-only: stores still land until invalidated, then are denied
                    g.stage2().protect(ipa, ByteSize.PAGE, S2Ap.READ_ONLY);
                    g.writeLong(ipa.offset(8), old);
                    g.invalidate(ipa, ByteSize.PAGE);
                    assertThatThrownBy(() -> g.writeLong(ipa.offset(8), 1)).isInstanceOf(MemoryException.class)
                            .hasMessageContaining("is not permitted");
                    assertThat(g.readLong(ipa.offset(8))).isEqualTo(old);
                    g.protect(ipa, ByteSize.PAGE, S2Ap.READ_WRITE);
                }
                default -> { // no change: an invalidation alone changes nothing the guest sees
                    g.invalidate(ipa, ByteSize.PAGE);
                    assertThat(g.readLong(ipa)).isEqualTo(old);
                }
            }
        }
    }

    @Test
    void should_report_the_leaf_level_of_a_permission_fault_on_a_tlb_hit() {
        HostMemory mem = new HostMemory(ByteSize.mib(8));
        SimClock clock = new SimClock(1_000_000_000L, Stage2Test.COSTS);
        GuestMemory g = new GuestMemory("vm1", 1, mem, new Tlb(64), clock, Stage2Test.trace(), mem.allocate());
        // a read-only 2 MiB block at level 2, written into the tables by hand (the API maps pages)
        Ipa block = Ipa.of(0x4020_0000L);
        g.map(Ipa.of(0x4000_0000L), mem.allocate(), ByteSize.PAGE, S2Ap.READ_WRITE);
        Pa l2 = g.stage2().tableAt(block, 2).orElseThrow();
        mem.writeLong(l2.offset(8L * 1), Descriptor.block(Pa.of(0x8020_0000L), 2, S2Ap.READ_ONLY).raw());
        List<Integer> levels = new java.util.ArrayList<>();
        g.onFault((f, m) -> {
            levels.add(f.level());
            return Resolution.dropped();
        });
        assertThat(g.readLong(block.offset(0x1000))).isZero(); // fills the TLB from the block
        g.writeLong(block.offset(0x1000), 1); // TLB hit, permission fault
        g.invalidate(block.offset(0x1000), ByteSize.PAGE);
        g.writeLong(block.offset(0x1000), 1); // walk, permission fault
        assertThat(levels).containsExactly(2, 2);
    }

    private static Ipa page(int k) { return BASE.offset((long) k << 12); }
}
