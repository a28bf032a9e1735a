package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hvlab.pci.AbsentFunctionStrategy;
import org.hvlab.pci.Bdf;
import org.hvlab.pci.PciDevices;
import org.hvlab.pci.PciTopology;
import org.junit.jupiter.api.Test;

class VmPciTest {

    @Test
    void should_share_one_0xff_page_between_the_vms_of_a_host() {
        try (Host host = Lab.host("h").build()) {
            Vm a = host.hypervisor().vm("a").build();
            Vm b = host.hypervisor().vm("b").build();
            PciTopology t = new PciTopology();
            t.add(Bdf.of(0, 1, 0), PciDevices.nic());
            var ea = a.pci(s -> s.buses(4).topology(t.copy()).strategy(AbsentFunctionStrategy.SHARED_PAGE));
            var eb = b.pci(s -> s.buses(4).topology(t.copy()).strategy(AbsentFunctionStrategy.SHARED_PAGE));
            // absent function reads as all ones through both VMs, without an exit
            long exitsBefore = a.exits();
            assertThat(ea.read(Bdf.of(2, 0, 0), 0, 4)).isEqualTo(0xffff_ffff);
            assertThat(a.exits()).isEqualTo(exitsBefore);
            assertThat(eb.read(Bdf.of(0, 1, 0), 0, 2)).isEqualTo(PciDevices.nic().vendorId());
            assertThat(a.walk(ea.window().address(Bdf.of(2, 0, 0), 0)).pa())
                    .isEqualTo(b.walk(eb.window().address(Bdf.of(2, 0, 0), 0)).pa());
            assertThat(a.pci()).isSameAs(ea);
        }
    }

    @Test
    void should_refuse_a_second_ecam_for_one_vm() {
        try (Host host = Lab.host("h").build()) {
            Vm vm = host.hypervisor().vm("a").build();
            vm.pci();
            assertThatThrownBy(() -> vm.pci(s -> s.buses(2))).hasMessageContaining("already has its ECAM")
                    .hasMessageContaining("vm.pci()");
        }
    }
}
