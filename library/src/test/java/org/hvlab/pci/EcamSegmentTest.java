package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Pa;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.Tlb;
import org.junit.jupiter.api.Test;

/** One ECAM window decodes one PCI segment; functions of other segments are refused, never dropped. */
class EcamSegmentTest {
    private final HostMemory host = new HostMemory(ByteSize.gib(1));
    private final SimClock clock = new SimClock(3_000_000_000L, CostModel.load("ampere-altra"));
    private final Trace trace = new Trace(clock, Provenance.current(Instant.EPOCH), 16);
    private final Tlb tlb = new Tlb(256);
    private final Pa zero = host.allocate();
    private final NoFunctionPage page = NoFunctionPage.reserve(host);
    private int vmids;

    private GuestMemory vm() {
        vmids++;
        return new GuestMemory("vm" + vmids, vmids, host, tlb, clock, trace, zero);
    }

    /** The demo topology plus a NIC at 0001:00:01.0, read back from its lspci dump as a multi-segment host's. */
    private static PciTopology twoSegments() {
        PciTopology t = Pci.demoTopology("ampere-altra").add(new Bdf(1, 0, 1, 0), PciDevices.nic());
        return Pci.parseLspciDump(t.lspciDump());
    }

    @Test
    void should_decode_only_its_own_segment() {
        EcamWindow w0 = EcamWindow.of(16);
        EcamWindow w1 = EcamWindow.of(16).inSegment(1);
        Bdf seg1 = Bdf.parse("0001:00:01.0");
        assertThat(w0.segment()).isZero();
        assertThat(w0.contains(seg1)).isFalse();
        assertThat(w1.contains(seg1)).isTrue();
        assertThat(w1.contains(Bdf.of(0, 1, 0))).isFalse();
        assertThat(w1.functionAt(w1.address(seg1, 0))).contains(seg1);
        assertThatThrownBy(() -> w0.address(seg1, 0)).hasMessageContaining("segment");
    }

    @Test
    void should_refuse_a_function_of_another_segment_and_say_attach_one_window_per_segment() {
        PciTopology t = twoSegments();
        assertThat(t.segments()).containsExactly(0, 1);
        assertThatThrownBy(() -> Ecam.builder(vm(), clock).buses(16).topology(t).noFunctionPage(page).attach())
                .isInstanceOf(PciException.class)
                .hasMessageContaining("0001:00:01.0")
                .hasMessageContaining("Attach one window per segment")
                .hasMessageContaining("t.segment(1)")
                .hasMessageContaining("inSegment(1)");
    }

    @Test
    void should_reach_a_second_segments_functions_through_its_own_window() {
        PciTopology t = twoSegments();
        Ecam e = Ecam.builder(vm(), clock).window(EcamWindow.of(4).inSegment(1)).topology(t.segment(1))
                .noFunctionPage(page).attach();
        Bdf nic = Bdf.parse("0001:00:01.0");
        assertThat(e.read(nic, Header.VENDOR_ID, 2)).isEqualTo(PciDevices.nic().vendorId());
        assertThat(e.enumerate(EnumerationMode.OS_SCAN, () -> 0L).functions()).containsExactly(nic);
        assertThat(t.segment(0).size()).isEqualTo(t.size() - 1);
    }
}
