package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PciTopologyTest {

    @Test
    void should_refuse_two_functions_at_one_bdf() {
        PciTopology t = new PciTopology().add(Bdf.of(0, 1, 0), PciDevices.nic());
        assertThatThrownBy(() -> t.add(Bdf.of(0, 1, 0), PciDevices.nvme()))
                .isInstanceOf(PciException.class).hasMessageContaining("00:01.0").hasMessageContaining("NVMe")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.DUPLICATE_FUNCTION);
    }

    @Test
    void should_answer_all_ones_for_absent_functions_and_drop_their_writes() {
        PciTopology t = new PciTopology().add(Bdf.of(0, 1, 0), PciDevices.nic());
        assertThat(t.read(Bdf.of(0, 2, 0), 0, 2)).isEqualTo(0xffff);
        assertThat(t.read(Bdf.of(0, 2, 0), 0, 4)).isEqualTo(-1);
        assertThat(t.write(Bdf.of(0, 2, 0), 4, 2, 6)).isFalse();
        assertThat(t.read(Bdf.of(0, 1, 0), 0, 2)).isEqualTo(0x8086);
        assertThatThrownBy(() -> t.require(Bdf.of(0, 2, 0))).hasMessageContaining("00:01.0");
    }

    @Test
    void should_build_a_demo_topology_with_bridges_to_secondary_buses() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        assertThat(t.buses()).containsExactly(0, 1, 2, 3);
        PciFunction port = t.require(Bdf.of(0, 2, 0));
        assertThat(port.isBridge()).isTrue();
        assertThat(port.secondaryBus()).isEqualTo(2);
        assertThat(t.require(Bdf.of(2, 0, 0)).classCode()).isEqualTo(0x010802);
        assertThat(t.require(Bdf.of(3, 0, 0)).multiFunction()).isTrue();
        assertThat(t.require(Bdf.of(0, 0, 0)).name()).contains("ampere-altra");
        assertThat(t.table().rowCount()).isEqualTo(t.size()).isEqualTo(8);
        assertThat(t.table().columnNames()).contains("bdf", "vendor_id", "capabilities");
    }

    @Test
    void should_give_the_raspberry_pi_4_its_real_pcie_topology() {
        // BCM2711: one Broadcom root port (14e4:2711) and the VIA VL805 xHCI controller (1106:3483) behind it
        PciTopology t = Pci.demoTopology("rpi4");
        assertThat(t.functions().keySet()).containsExactly(Bdf.of(0, 0, 0), Bdf.of(1, 0, 0));
        PciFunction port = t.require(Bdf.of(0, 0, 0));
        assertThat(port.isBridge()).isTrue();
        assertThat(port.vendorId()).isEqualTo(0x14e4);
        assertThat(port.deviceId()).isEqualTo(0x2711);
        assertThat(port.secondaryBus()).isEqualTo(1);
        assertThat(port.subordinateBus()).isEqualTo(1);
        PciFunction usb = t.require(Bdf.of(1, 0, 0));
        assertThat(usb.vendorId()).isEqualTo(0x1106);
        assertThat(usb.deviceId()).isEqualTo(0x3483);
        assertThat(usb.classCode()).isEqualTo(0x0c0330);
        assertThat(usb.bars()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(Bar.Kind.MEMORY64);
            assertThat(b.address()).isEqualTo(0xf800_0000L); // the bus address the Pi's outbound window starts at
        });
        assertThat(Pci.demoTopology("server-v2m").size()).isEqualTo(8);
    }

    @Test
    void should_assign_bars_aligned_to_their_sizes_without_overlap() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        long end = 0;
        for (PciFunction f : t.functions().values()) {
            for (Bar b : f.bars()) {
                if (b.kind() == Bar.Kind.IO) continue;
                assertThat(b.address() % b.size().bytes()).isZero();
                assertThat(b.address()).isGreaterThanOrEqualTo(end);
                end = b.address() + b.size().bytes();
            }
        }
        assertThat(end).isGreaterThan(0x1000_0000L);
    }

    @Test
    void should_give_each_copy_its_own_device_state() {
        PciTopology a = Pci.demoTopology("ampere-altra");
        PciTopology b = a.copy();
        b.write(Bdf.of(1, 0, 0), Header.INTERRUPT_LINE, 1, 42);
        assertThat(b.read(Bdf.of(1, 0, 0), Header.INTERRUPT_LINE, 1)).isEqualTo(42);
        assertThat(a.read(Bdf.of(1, 0, 0), Header.INTERRUPT_LINE, 1)).isZero();
    }

    @Test
    void should_write_bridge_bus_numbers_as_software_does() {
        PciFunction port = PciDevices.rootPort(1, 1);
        port.write(Header.PRIMARY_BUS, 4, 0x0005_0100);
        assertThat(port.secondaryBus()).isEqualTo(1);
        assertThat(port.subordinateBus()).isEqualTo(5);
    }

    @Test
    void should_refuse_the_no_function_vendor_id() {
        assertThatThrownBy(() -> PciFunction.endpoint("ghost", 0xffff, 0x1234))
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.FUNCTION_ID);
    }

    @Test
    void should_open_disjoint_bridge_windows_that_cover_the_bars_behind_each_bridge() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        java.util.List<long[]> windows = new java.util.ArrayList<>();
        for (var e : t.functions().entrySet()) {
            PciFunction bridge = e.getValue();
            if (!bridge.isBridge()) continue;
            long base = (long) (bridge.read(Header.MEMORY_BASE, 2) & 0xfff0) << 16;
            long limit = ((long) (bridge.read(Header.MEMORY_LIMIT, 2) & 0xfff0) << 16) | 0xf_ffff;
            for (var d : t.functions().entrySet()) {
                int bus = d.getKey().bus();
                if (d.getValue().isBridge() || bus < bridge.secondaryBus() || bus > bridge.subordinateBus()) continue;
                for (Bar bar : d.getValue().bars()) {
                    if (bar.kind() == Bar.Kind.IO || bar.prefetchable()) continue;
                    assertThat(bar.address()).as(d.getKey() + " behind " + e.getKey()).isBetween(base, limit);
                    assertThat(bar.address() + bar.size().bytes() - 1).isLessThanOrEqualTo(limit);
                }
            }
            if (base <= limit) windows.add(new long[] {base, limit});
        }
        assertThat(windows).hasSize(3);
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                assertThat(windows.get(i)[1] < windows.get(j)[0] || windows.get(j)[1] < windows.get(i)[0])
                        .as("windows %d and %d overlap", i, j).isTrue();
            }
        }
    }
}
