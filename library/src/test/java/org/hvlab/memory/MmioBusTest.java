package org.hvlab.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.junit.jupiter.api.Test;

class MmioBusTest {

    /** Remembers writes and answers reads with offset + size. */
    static final class Recorder implements MmioDevice {
        final List<String> log = new ArrayList<>();

        @Override public long read(long offset, int size) {
            log.add("r " + offset + "/" + size);
            return 0x1_0000_0000L + offset + size;
        }

        @Override public void write(long offset, int size, long value) {
            log.add("w " + offset + "/" + size + "=" + Long.toHexString(value));
        }
    }

    @Test
    void should_dispatch_with_the_offset_inside_the_region() {
        MmioBus bus = new MmioBus("vm1");
        Recorder uart = new Recorder();
        bus.register("uart", Ipa.of(0x900_0000L), ByteSize.kib(4), uart);
        bus.register("rtc", Ipa.of(0x901_0000L), ByteSize.kib(4), new Recorder());
        assertThat(bus.read(Ipa.of(0x900_0018L), 4)).isEqualTo(0x1c);
        bus.write(Ipa.of(0x900_0000L), 1, 0x1234);
        assertThat(uart.log).containsExactly("r 24/4", "w 0/1=34");
        assertThat(bus.find(Ipa.of(0x900_0fffL))).isPresent();
        assertThat(bus.find(Ipa.of(0x900_1000L))).isEmpty();
        assertThat(bus.regions()).extracting(MmioRegion::name).containsExactly("uart", "rtc");
    }

    @Test
    void should_reject_an_overlapping_region_naming_both() {
        MmioBus bus = new MmioBus("vm1");
        bus.register("gicd", Ipa.of(0x800_0000L), ByteSize.kib(64), new Recorder());
        assertThatThrownBy(() -> bus.register("uart", Ipa.of(0x800_f000L), ByteSize.kib(8), new Recorder()))
                .isInstanceOf(MemoryException.class)
                .hasMessageContaining("MMIO region 'uart' [0x800_f000..0x801_0fff] overlaps 'gicd' [0x800_0000..0x800_ffff]")
                .hasMessageContaining("never overlap")
                .hasMessageContaining("vm.memoryMap()")
                .extracting(e -> ((MemoryException) e).code()).isEqualTo("memory.mmio_overlap");
        assertThatThrownBy(() -> bus.register("big", Ipa.of(0x700_0000L), ByteSize.mib(32), new Recorder()))
                .isInstanceOf(MemoryException.class).hasMessageContaining("overlaps 'gicd'");
        assertThatThrownBy(() -> bus.register("gicd", Ipa.of(0x100_0000L), ByteSize.kib(4), new Recorder()))
                .isInstanceOf(MemoryException.class).hasMessageContaining("already on vm1's bus");
        bus.register("after", Ipa.of(0x801_0000L), ByteSize.kib(4), new Recorder());
        assertThat(bus.unregister("after").name()).isEqualTo("after");
    }
}
