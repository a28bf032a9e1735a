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
import org.hvlab.memory.MemoryException;
import org.junit.jupiter.api.Test;

class TlbTest {

    private static void fill(Tlb tlb, int vmid, long page) {
        tlb.fill(vmid, page, 0x7FF | (page << 12), 3, page << 12, null);
    }

    @Test
    void should_tag_entries_by_vmid() {
        Tlb tlb = new Tlb(64);
        fill(tlb, 1, 0x40000);
        assertThat(tlb.probe(1, Ipa.of(0x4000_0123L))).isPresent();
        assertThat(tlb.probe(2, Ipa.of(0x4000_0123L))).isEmpty();
        fill(tlb, 2, 0x40000);
        tlb.invalidateVmid(1);
        assertThat(tlb.probe(1, Ipa.of(0x4000_0000L))).isEmpty();
        assertThat(tlb.probe(2, Ipa.of(0x4000_0000L))).isPresent();
        tlb.invalidateAll();
        assertThat(tlb.validEntries()).isZero();
    }

    @Test
    void should_stay_bounded() {
        Tlb tlb = new Tlb(16);
        for (long p = 0; p < 1000; p++) fill(tlb, 1, p);
        assertThat(tlb.validEntries()).isEqualTo(16);
        assertThatThrownBy(() -> new Tlb(1000)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("power-of-two");
    }

    @Property(tries = 300)
    void never_returns_a_translation_after_invalidation(
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 4000) Integer> pages,
            @ForAll @IntRange(min = 0, max = 4000) int victim, @ForAll @IntRange(min = 1, max = 3) int vmid,
            @ForAll @IntRange(min = 0, max = 2) int how) {
        Tlb tlb = new Tlb(32);
        for (int p : pages) {
            fill(tlb, 1, p);
            fill(tlb, 2, p);
            fill(tlb, 3, p);
        }
        fill(tlb, vmid, victim);
        Ipa ipa = Ipa.of((long) victim << 12);
        switch (how) {
            case 0 -> tlb.invalidate(vmid, ipa);
            case 1 -> tlb.invalidate(vmid, ipa.offset(-Math.min(victim, 3) * 4096L), ByteSize.pages(5));
            default -> tlb.invalidateVmid(vmid);
        }
        assertThat(tlb.probe(vmid, ipa)).isEmpty();
    }
}
