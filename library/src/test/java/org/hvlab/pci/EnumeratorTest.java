package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnumeratorTest {

    @Test
    void should_find_every_function_of_the_demo_topology_by_following_bridges() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        Enumerator.Scan scan = Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 0, 255);
        assertThat(scan.functions()).containsExactly(Bdf.of(0, 0, 0), Bdf.of(0, 1, 0), Bdf.of(0, 2, 0), Bdf.of(0, 3, 0),
                Bdf.of(1, 0, 0), Bdf.of(2, 0, 0), Bdf.of(3, 0, 0), Bdf.of(3, 0, 1));
        // 4 buses x 32 device probes, 7 probes of functions 1-7 of the multi-function device, plus per-function work
        assertThat(scan.reads()).isGreaterThan(4 * 32 + 7).isLessThan(4 * 32 * 8);
        assertThat(scan.writes()).isPositive(); // BAR sizing
    }

    @Test
    void should_leave_bars_as_they_were_after_sizing() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        byte[] before = t.require(Bdf.of(2, 0, 0)).config().toByteArray();
        Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 0, 255);
        assertThat(t.require(Bdf.of(2, 0, 0)).config().toByteArray()).isEqualTo(before);
    }

    @Test
    void should_read_every_function_of_every_bus_when_brute_forcing() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        Enumerator.Scan scan = Enumerator.scan(ConfigAccess.of(t), EnumerationMode.BRUTE_FORCE, 0, 15);
        assertThat(scan.functions()).hasSize(8);
        assertThat(scan.reads()).isEqualTo(16 * 256 + 8 * 2);
        assertThat(scan.writes()).isZero();
    }

    @Test
    void should_miss_a_function_the_multi_function_bit_hides_unless_brute_forcing() {
        PciTopology t = new PciTopology().add(Bdf.of(0, 0, 0), PciDevices.hostBridge()).add(Bdf.of(0, 0, 1), PciDevices.nvme());
        assertThat(Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 0, 0).functions()).containsExactly(Bdf.of(0, 0, 0));
        assertThat(Enumerator.scan(ConfigAccess.of(t), EnumerationMode.BRUTE_FORCE, 0, 0).functions()).hasSize(2);
    }

    @Test
    void should_not_follow_a_bridge_out_of_the_window() {
        PciTopology t = new PciTopology().add(Bdf.of(0, 1, 0), PciDevices.rootPort(9, 9)).add(Bdf.of(9, 0, 0), PciDevices.nic());
        assertThat(Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 0, 7).functions()).containsExactly(Bdf.of(0, 1, 0));
        assertThat(Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 0, 9).functions()).hasSize(2);
        assertThatThrownBy(() -> Enumerator.scan(ConfigAccess.of(t), EnumerationMode.OS_SCAN, 3, 2)).hasMessageContaining("3..2");
    }
}
