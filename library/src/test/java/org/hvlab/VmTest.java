package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hvlab.Lab.gib;
import static org.hvlab.Lab.ipa;
import static org.hvlab.Lab.kib;
import static org.hvlab.Lab.mib;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.MemoryException;
import org.hvlab.memory.MmioDevice;
import org.hvlab.memory.stage2.Fault;
import org.hvlab.memory.stage2.FaultHandler;
import org.hvlab.memory.stage2.FaultKind;
import org.hvlab.memory.stage2.Resolution;
import org.hvlab.memory.stage2.S2Ap;
import org.junit.jupiter.api.Test;

class VmTest {

    private static Host host() { return Lab.host("h1").memory(mib(64)).traceCapacity(1000).build(); }

    @Test
    void should_page_in_ram_on_first_touch() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").memory(gib(2)).vcpus(2).build();
            long before = host.memory().framesInUse();
            // a read maps the zero page copy-on-write: no new frame
            assertThat(vm.readLong(ipa(0x4000_0000L))).isZero();
            assertThat(vm.exits()).isEqualTo(1);
            assertThat(vm.memory().pageIns()).isEqualTo(1);
            // the first write copies it into a private frame (the frame plus a new L3 table page were counted)
            vm.writeLong(ipa(0x4000_0008L), 0xdead_beefL);
            assertThat(vm.readLong(ipa(0x4000_0008L))).isEqualTo(0xdead_beefL);
            assertThat(vm.exits()).isEqualTo(2);
            assertThat(vm.memory().cowCopies()).isEqualTo(1);
            // a write to an untouched page allocates directly
            vm.write(ipa(0x4000_2000L), 4, 0x1234_5678L);
            assertThat(vm.read(ipa(0x4000_2002L), 2)).isEqualTo(0x1234);
            assertThat(host.memory().framesInUse()).isGreaterThan(before);
            assertThat(host.trace().value("vm_exit")).isEqualTo(3);
            long exitCycles = host.costs().cycles("vm_exit");
            assertThat(host.clock().cycles()).isGreaterThanOrEqualTo(3 * exitCycles);
        }
    }

    @Test
    void should_say_what_is_mapped_for_an_unmapped_ipa() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").memory(gib(2)).build();
            assertThatThrownBy(() -> vm.readLong(ipa(0xc000_0000L))).isInstanceOf(MemoryException.class)
                    .hasMessage("IPA 0xc000_0000 is not mapped in vm1: RAM is [0x4000_0000..0xbfff_ffff]. "
                            + "Map it with vm.map(..) or look at vm.memoryMap()")
                    .extracting(e -> ((MemoryException) e).code()).isEqualTo("memory.unmapped");
        }
    }

    @Test
    void should_reject_misaligned_and_odd_sized_accesses() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            assertThatThrownBy(() -> vm.readLong(ipa(0x4000_0004L))).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("8-byte guest access at 0x4000_0004 in vm1 is misaligned")
                    .hasMessageContaining("multiple of 8").hasMessageContaining("readBytes");
            assertThatThrownBy(() -> vm.write(ipa(0x4000_0000L), 3, 0)).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("1, 2, 4 or 8 bytes");
        }
    }

    @Property(tries = 100)
    void read_after_write_through_stage2(@ForAll @LongRange(min = 0, max = (1L << 28) - 1) long word,
                                         @ForAll long value, @ForAll @IntRange(min = 0, max = 3) int sizeLog) {
        try (Host host = Lab.host("p").memory(mib(16)).traceCapacity(0).build()) {
            Vm vm = host.hypervisor().vm("vm").memory(gib(2)).build();
            int size = 1 << sizeLog;
            Ipa a = ipa(0x4000_0000L + word * 8);
            vm.write(a, size, value);
            long expected = size == 8 ? value : value & ((1L << (8 * size)) - 1);
            assertThat(vm.read(a, size)).isEqualTo(expected);
            assertThat(vm.readBytes(a, size)).hasSize(size);
            assertThat(host.hypervisor().tlb().probe(vm.vmid(), a)).isPresent();
        }
    }

    @Test
    void should_copy_byte_ranges_across_pages() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            byte[] data = new byte[10_000];
            for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
            vm.writeBytes(ipa(0x4000_0ff0L), data);
            assertThat(vm.readBytes(ipa(0x4000_0ff0L), data.length)).isEqualTo(data);
            assertThat(vm.read(ipa(0x4000_1000L), 1)).isEqualTo((0x10 * 7) & 0xFF);
            assertThat(vm.readBytes(ipa(0x4100_0000L), 5000)).containsOnly(0);
        }
    }

    @Test
    void should_read_a_shared_ff_page_without_exits_and_drop_writes() {
        // the US11561894B2 trick: absent functions' ECAM pages map one read-only 0xFF frame
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa ff = host.memory().allocateFilled(0xFF, true);
            Ipa ecam = ipa(0x3f00_0000L);
            vm.mapShared(ecam, mib(1), ff);
            host.memory().release(ff); // the mappings hold it now
            assertThat(host.memory().bytesSaved()).isEqualTo(kib(4).times(255));
            long exits = vm.exits();
            for (int dev = 0; dev < 32; dev++) {
                assertThat(vm.read(ecam.offset(dev << 15), 2)).isEqualTo(0xFFFF);
            }
            assertThat(vm.exits()).isEqualTo(exits);
            vm.write(ecam.offset(0x8004), 2, 0x0406);
            assertThat(vm.exits()).isEqualTo(exits + 1);
            assertThat(vm.memory().writesDropped()).isEqualTo(1);
            assertThat(vm.read(ecam.offset(0x8004), 2)).isEqualTo(0xFFFF);
            assertThat(host.trace().events()).extracting(e -> e.detail())
                    .anyMatch(d -> d.startsWith("permission fault L3 write 2B at 0x3f00_8004"));
        }
    }

    @Test
    void should_emulate_mmio_through_the_bus_and_count_exits() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            List<String> seen = new ArrayList<>();
            vm.attach("uart", ipa(0x0900_0000L), kib(4), new MmioDevice() {
                @Override public long read(long offset, int size) { return 0x60 + offset; }
                @Override public void write(long offset, int size, long value) { seen.add(offset + "=" + value); }
            });
            assertThat(vm.read(ipa(0x0900_0018L), 4)).isEqualTo(0x78);
            vm.write(ipa(0x0900_0000L), 1, 'A');
            assertThat(seen).containsExactly("0=65");
            assertThat(vm.exits()).isEqualTo(2);
            assertThat(vm.memory().mmioAccesses()).isEqualTo(2);
            assertThat(host.trace().value("mmio_read")).isEqualTo(1);
            assertThatThrownBy(() -> vm.attach("rtc", ipa(0x0900_0800L), kib(4), new MmioDevice() {
                @Override public long read(long offset, int size) { return 0; }
                @Override public void write(long offset, int size, long value) { }
            })).isInstanceOf(MemoryException.class).hasMessageContaining("overlaps 'uart'");
            assertThatThrownBy(() -> vm.attach("bad", ipa(0x4000_0000L), kib(4), new MmioDevice() {
                @Override public long read(long offset, int size) { return 0; }
                @Override public void write(long offset, int size, long value) { }
            })).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("overlaps RAM 'ram' [0x4000_0000..0xbfff_ffff] in vm1");
            assertThatThrownBy(() -> vm.ram("ram2", ipa(0x8000_0000L), gib(1)))
                    .isInstanceOf(MemoryException.class).hasMessageContaining("region 'ram2'");
        }
    }

    @Test
    void should_let_a_handler_decide_and_see_the_fault_record() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            List<Fault> faults = new ArrayList<>();
            vm.onFault((f, g) -> {
                faults.add(f);
                if (f.ipa().value() == 0x1000) return Resolution.emulated(0xabcd);
                return FaultHandler.STANDARD.handle(f, g);
            });
            vm.writeLong(ipa(0x4000_0000L), 1);
            faults.clear();
            assertThat(vm.read(ipa(0x1000), 2)).isEqualTo(0xabcd);
            Fault f = faults.get(0);
            assertThat(f.kind()).isEqualTo(FaultKind.TRANSLATION);
            assertThat(f.level()).isEqualTo(1);
            assertThat(f.dfsc()).isEqualTo(0x05);
            assertThat(f.esr() >>> 26).isEqualTo(0x24);
            assertThat((f.esr() >>> 22) & 3).isEqualTo(1);
            assertThat(f.write()).isFalse();
            assertThat(f.hpfar()).isEqualTo(0x10);
        }
    }

    @Test
    void should_keep_tlb_entries_stale_until_invalidated() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            Pa a = host.memory().allocate();
            Pa b = host.memory().allocate();
            host.memory().writeLong(a, 1);
            host.memory().writeLong(b, 2);
            Ipa x = ipa(0x10_0000_0000L);
            vm.map(x, a, kib(4), S2Ap.READ_ONLY);
            assertThat(vm.readLong(x)).isEqualTo(1);
            // change the tables behind the TLB's back: the stale entry still answers
            vm.stage2().unmap(x, kib(4));
            vm.stage2().map(x, b, kib(4), S2Ap.READ_ONLY);
            assertThat(vm.readLong(x)).isEqualTo(1);
            vm.memory().invalidate(x, kib(4));
            assertThat(vm.readLong(x)).isEqualTo(2);
            assertThat(host.hypervisor().tlb().hits()).isPositive();
            assertThat(host.hypervisor().tlb().misses()).isPositive();
        }
    }

    @Test
    void should_render_the_memory_map_as_a_tree() {
        try (Host host = host()) {
            Vm vm = host.hypervisor().vm("vm1").build();
            vm.attach("pcie-ecam", ipa(0x3f00_0000L), mib(16), new MmioDevice() {
                @Override public long read(long offset, int size) { return -1; }
                @Override public void write(long offset, int size, long value) { }
            });
            Pa ff = host.memory().allocateFilled(0xFF);
            vm.mapShared(ipa(0x3f00_8000L), kib(32), ff);
            vm.writeLong(ipa(0x4000_0000L), 1);
            String text = vm.memoryMap().toText();
            assertThat(text).contains("address-space: vm1 (VMID 1)")
                    .contains("0x3f00_0000..0x3fff_ffff  mmio   pcie-ecam  16 MiB")
                    .contains("0x3f00_8000..0x3f00_ffff  mapped stage2  32 KiB  (read-only -> " + ff
                            + " (one shared frame x 8))")
                    .contains("0x4000_0000..0xbfff_ffff  ram    ram  2 GiB  (1 of 524288 pages mapped)");
            assertThat(vm.memoryMap().toHtml()).contains("<ul>").contains("pcie-ecam");
            assertThat(vm.memoryMap().table().rowCount()).isEqualTo(3);
            assertThat(host.toText()).contains("vm        vm1 (VMID 1").contains("device  pcie-ecam");
            assertThat(host.hypervisor().toText()).contains("1 VM(s)");
            assertThat(vm.stage2().toText()).contains("stage-2 vm1 (VMID 1)").contains("one frame x 8");
            assertThat(vm.stage2().table().rowCount()).isEqualTo(vm.stage2().mappings().size());
            assertThat(vm.stats().stringColumn("counter").asList()).contains("exits", "page_ins");
            assertThat(host.hypervisor().tlb().toText()).startsWith("TLB: 1024 entries");
        }
    }

    @Test
    void should_free_memory_and_names_when_vms_close() {
        Host host = host();
        long base = host.memory().framesInUse();
        Vm vm = host.hypervisor().vm("vm1").build();
        vm.writeLong(ipa(0x4000_0000L), 5);
        vm.close();
        assertThat(host.memory().framesInUse()).isEqualTo(base);
        assertThat(host.hypervisor().vms()).isEmpty();
        Vm again = host.hypervisor().vm("vm1").build();
        assertThat(again.vmid()).isEqualTo(1);
        assertThatThrownBy(() -> host.hypervisor().vm("vm1")).isInstanceOf(HostException.class)
                .hasMessageContaining("already has a VM of that name");
        assertThatThrownBy(() -> host.hypervisor().vmNamed("vm9")).isInstanceOf(HostException.class)
                .hasMessageContaining("the VMs are [vm1]");
        assertThatThrownBy(() -> host.hypervisor().vm("x").vcpus(0)).isInstanceOf(HostException.class)
                .hasMessageContaining("between 1 and 512");
        host.close();
        assertThat(again.isDestroyed()).isTrue();
    }
}
