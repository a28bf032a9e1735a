package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hvlab.Lab.ipa;
import static org.hvlab.Lab.kib;
import static org.hvlab.Lab.mib;

import java.util.Arrays;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.MmioDevice;
import org.hvlab.memory.stage2.S2Ap;
import org.junit.jupiter.api.Test;

/** Guest ranges and stores through stage 2, as stage2.md describes them: all or nothing, and who drops what. */
class GuestAccessTest {

    private static Host host() { return Lab.host("h1").memory(mib(64)).traceCapacity(100).build(); }

    @Test
    void should_write_nothing_when_a_later_page_of_the_range_is_unmapped() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa frame = host.memory().allocate();
            Ipa first = ipa(0x10_0000_0000L);
            vm.map(first, frame, kib(4), S2Ap.READ_WRITE); // the next page is not mapped and not RAM
            byte[] bytes = new byte[6000];
            Arrays.fill(bytes, (byte) 0x5A);
            long exits = vm.exits();
            assertThatThrownBy(() -> vm.writeBytes(first.offset(100), bytes))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageContaining("IPA 0x10_0000_1000 is not mapped in vm1")
                    .satisfies(e -> assertThat(((MemoryException) e).reason())
                            .isEqualTo(MemoryException.Reason.UNMAPPED));
            assertThat(vm.readBytes(first.offset(100), 3996)).containsOnly(0);
            assertThat(vm.exits()).isEqualTo(exits);
        }
    }

    @Test
    void should_write_nothing_when_a_later_page_is_read_only() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa rw = host.memory().allocate();
            Pa ro = host.memory().allocate();
            Ipa first = ipa(0x10_0000_0000L);
            vm.map(first, rw, kib(4), S2Ap.READ_WRITE).map(first.offset(4096), ro, kib(4), S2Ap.READ_ONLY);
            assertThatThrownBy(() -> vm.writeBytes(first.offset(4000), new byte[200]))
                    .isInstanceOf(MemoryException.class).hasMessageContaining("a write to IPA 0x10_0000_1000");
            vm.writeLong(first.offset(4000), -1L);
            assertThatThrownBy(() -> vm.writeBytes(first.offset(4000), new byte[200]))
                    .isInstanceOf(MemoryException.class);
            assertThat(vm.readLong(first.offset(4000))).isEqualTo(-1L);
        }
    }

    @Test
    void should_read_no_device_register_when_a_later_page_is_unmapped() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            int[] reads = {0};
            Ipa dev = ipa(0x0900_0000L);
            vm.attach("fifo", dev, kib(4), new MmioDevice() {
                @Override public long read(long offset, int size) { return ++reads[0]; }
                @Override public void write(long offset, int size, long value) { }
            });
            assertThatThrownBy(() -> vm.readBytes(dev.offset(4090), 12)).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("IPA 0x900_1000 is not mapped");
            assertThat(reads[0]).isZero();
            assertThat(vm.readBytes(dev.offset(4090), 6)).hasSize(6);
            assertThat(reads[0]).isEqualTo(6);
        }
    }

    @Test
    void should_drop_stores_only_to_frames_marked_write_dropping() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa ro = host.memory().allocate();
            host.memory().writeLong(ro, 7);
            vm.map(ipa(0x10_0000_0000L), ro, kib(4), S2Ap.READ_ONLY);
            assertThatThrownBy(() -> vm.writeLong(ipa(0x10_0000_0000L), 1))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageContaining("a write to IPA 0x10_0000_0000 in vm1 is not permitted")
                    .satisfies(e -> assertThat(((MemoryException) e).reason())
                            .isEqualTo(MemoryException.Reason.PERMISSION));
            assertThat(vm.memory().writesDropped()).isZero();
            assertThat(host.memory().readLong(ro)).isEqualTo(7);

            Pa ff = host.memory().allocateFilled(0xFF, true);
            vm.mapShared(ipa(0x3f00_0000L), kib(4), ff);
            vm.writeLong(ipa(0x3f00_0000L), 1);
            assertThat(vm.memory().writesDropped()).isEqualTo(1);
            assertThat(vm.readLong(ipa(0x3f00_0000L))).isEqualTo(-1L);
        }
    }

    @Test
    void should_charge_every_tlb_hit_to_the_clock_and_keep_the_clock_when_the_tlb_counters_reset() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").memory(mib(1)).build();
            Ipa a = ipa(0x4000_0000L);
            vm.writeLong(a, 7); // a miss, then the page is in the TLB
            long hit = host.clock().costs().cycles("tlb_hit");
            long hits0 = host.hypervisor().tlb().hits();
            long c0 = host.clock().cycles();
            for (int i = 0; i < 100; i++) vm.readLong(a.offset(8L * i));
            vm.write(a, 4, 1);
            assertThat(host.hypervisor().tlb().hits() - hits0).isEqualTo(101);
            assertThat(host.clock().cycles() - c0).isEqualTo(101 * hit);

            long c1 = host.clock().cycles();
            host.hypervisor().tlb().resetCounters();
            assertThat(host.hypervisor().tlb().hits()).isZero();
            assertThat(host.clock().cycles()).as("the clock never runs backwards").isEqualTo(c1);
            vm.readBytes(a, 64); // one page: one lookup and 63 more bytes charged as hits
            assertThat(host.clock().cycles() - c1).isEqualTo(64 * hit);
        }
    }

    @Test
    void should_reach_the_physical_frame_through_a_stale_tlb_entry_on_both_paths() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Ipa page = ipa(0x10_0000_0000L);
            Pa frame = host.memory().allocate();
            host.memory().writeLong(frame, 1);
            vm.map(page, frame, kib(4), S2Ap.READ_WRITE);
            host.memory().release(frame); // the mapping holds the only reference
            assertThat(vm.readLong(page)).isEqualTo(1); // fills the TLB

            // WHEN the tables drop the page without invalidating, and the frame is handed to someone else
            vm.stage2().unmap(page, kib(4));
            assertThat(host.memory().refCount(frame)).isZero();
            Pa reused = host.memory().allocate();
            assertThat(reused).isEqualTo(frame);
            host.memory().writeLong(reused, 42);

            // THEN the stale entry reads and writes the physical frame as it is now (fast path)
            assertThat(vm.readLong(page)).isEqualTo(42);
            vm.writeLong(page.offset(8), 43);
            assertThat(host.memory().readLong(reused.offset(8))).isEqualTo(43);
            // AND through the slow path (a 2-byte store at a TLB hit that is not the inline one: freed again)
            host.memory().release(reused);
            vm.write(page.offset(16), 2, 0x4444);
            assertThat(vm.read(page.offset(16), 2)).isEqualTo(0x4444);
            Pa again = host.memory().allocate();
            assertThat(again).isEqualTo(frame);
            assertThat(host.memory().readLong(again.offset(16))).as("a new owner sees zeros").isZero();

            // AND after the invalidation the access faults as the tables say
            vm.memory().invalidate(page, kib(4));
            assertThatThrownBy(() -> vm.readLong(page)).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("is not mapped");
        }
    }

    @Test
    void should_write_a_free_frame_through_a_stale_entry_filled_before_the_frame_had_storage() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Ipa page = ipa(0x10_0000_0000L);
            Pa frame = host.memory().allocate();
            vm.map(page, frame, kib(4), S2Ap.READ_WRITE);
            host.memory().release(frame);
            assertThat(vm.readLong(page)).isZero(); // TLB entry with no storage: slow path from now on
            vm.stage2().unmap(page, kib(4));
            vm.writeLong(page, 5); // the stale entry reaches the free physical frame
            assertThat(vm.readLong(page)).isEqualTo(5);
            assertThat(host.memory().allocate()).isEqualTo(frame);
            assertThat(host.memory().readLong(frame)).isZero();
        }
    }

    @Test
    void should_copy_a_read_only_marked_frame_on_a_copy_on_write_store_even_when_it_is_the_only_holder() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa ff = host.memory().allocateFilled(0xFF, true);
            vm.mapCopyOnWrite(ipa(0x10_0000_0000L), ff, kib(4));
            host.memory().release(ff); // the mapping is the only holder now
            vm.writeLong(ipa(0x10_0000_0000L), 1);
            assertThat(vm.memory().cowCopies()).isEqualTo(1);
            assertThat(host.memory().readLong(ff)).isEqualTo(-1L);
            assertThat(vm.readLong(ipa(0x10_0000_0008L))).isEqualTo(-1L);
        }
    }

    @Test
    void should_save_nothing_for_one_page_on_the_zero_page_and_keep_the_gauge_in_step() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            assertThat(vm.readLong(ipa(0x4000_0000L))).isZero(); // paged in: the zero page, copy-on-write
            assertThat(host.memory().bytesSaved()).isEqualTo(kib(0));
            assertThat(host.trace().counters().get("host_pages_saved")).isZero();
            vm.readLong(ipa(0x4000_1000L));
            vm.readLong(ipa(0x4000_2000L));
            assertThat(host.memory().bytesSaved()).isEqualTo(kib(8)); // 3 guest pages, 1 host frame
            assertThat(host.trace().counters().get("host_pages_saved")).isEqualTo(2);
            vm.writeLong(ipa(0x4000_2000L), 1); // a private copy: 3 pages, 2 frames
            assertThat(host.memory().bytesSaved()).isEqualTo(kib(4));
            assertThat(host.toText()).contains("4 KiB saved by sharing");
        }
    }
}
