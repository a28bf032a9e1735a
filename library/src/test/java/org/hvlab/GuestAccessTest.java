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
}
