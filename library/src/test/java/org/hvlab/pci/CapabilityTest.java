package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilityTest {

    @Test
    void should_lay_out_the_four_msi_variants_with_their_spec_lengths() {
        assertThat(MsiCapability.vectors(1).length()).isEqualTo(0x0a);
        assertThat(MsiCapability.vectors(1).withAddress64().length()).isEqualTo(0x0e);
        assertThat(MsiCapability.vectors(1).withPerVectorMasking().length()).isEqualTo(0x14);
        assertThat(MsiCapability.vectors(1).withAddress64().withPerVectorMasking().length()).isEqualTo(0x18);
        assertThat(MsiCapability.vectors(1).withAddress64().withPerVectorMasking().maskOffset()).isEqualTo(0x10);
        assertThat(MsiCapability.vectors(1).withPerVectorMasking().maskOffset()).isEqualTo(0x0c);
    }

    @Test
    void should_let_software_program_msi_but_not_its_capabilities() {
        PciFunction f = PciFunction.endpoint("t", 0x1b36, 1).msi(MsiCapability.vectors(4).withAddress64()).build();
        int at = f.config().findCapability(Header.CAP_ID_MSI).orElseThrow();
        assertThat(f.read(at + 2, 2)).isEqualTo(0x0084); // 64-bit, 4 vectors capable
        f.write(at + 2, 2, 0xffff);
        assertThat(f.read(at + 2, 2)).isEqualTo(0x00f5); // enable + MME written; 64-bit, MMC, maskable untouched
        f.write(at + 4, 4, 0x0802_0043);
        f.write(at + 0x0c, 2, 80);
        MsiCapability msi = f.msi().orElseThrow();
        assertThat(msi.enabled()).isTrue();
        assertThat(msi.address()).isEqualTo(0x0802_0040L);
        assertThat(msi.data()).isEqualTo(80);
        assertThat(f.config().ignoredWrites()).isEqualTo(2);
    }

    @Test
    void should_decode_msix_table_and_pba_location() {
        PciFunction f = PciDevices.nvme();
        MsixCapability x = f.msix().orElseThrow();
        assertThat(x.tableSize()).isEqualTo(64);
        assertThat(x.tableBir()).isZero();
        assertThat(x.tableOffset()).isEqualTo(0x2000);
        assertThat(x.pbaOffset()).isEqualTo(0x3000);
        assertThat(x.tableBytes()).isEqualTo(1024);
        int at = f.config().findCapability(Header.CAP_ID_MSIX).orElseThrow();
        f.write(at + 2, 2, 0xffff);
        assertThat(f.read(at + 2, 2)).isEqualTo(0xc03f);
    }

    @Test
    void should_give_express_functions_4_kib_and_conventional_ones_256_bytes() {
        assertThat(PciDevices.nvme().config().size()).isEqualTo(4096);
        assertThat(PciDevices.hostBridge().config().size()).isEqualTo(256);
        assertThat(PciDevices.nic().config().extendedCapabilities()).extracting(ConfigSpace.CapabilityRef::id)
                .containsExactly(Header.EXT_CAP_ID_DSN);
        assertThat(PciDevices.rootPort(1, 4).capabilities().get(0)).isEqualTo(PcieCapability.rootPort());
    }

    @Test
    void should_reject_invalid_capabilities_with_the_rule() {
        assertThatThrownBy(() -> MsiCapability.vectors(3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> MsixCapability.of(4096, 0, 0, 0x1000)).hasMessageContaining("2048");
        assertThatThrownBy(() -> MsixCapability.of(4, 6, 0, 0x1000)).hasMessageContaining("BAR 0..5");
        assertThatThrownBy(() -> MsiCapability.vectors(1).programmed(0x1_0000_0000L, 0, 1)).hasMessageContaining("4 GiB");
    }
}
