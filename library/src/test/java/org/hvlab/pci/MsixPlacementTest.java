package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hvlab.core.ByteSize.kib;
import static org.hvlab.core.ByteSize.ofBytes;

import org.junit.jupiter.api.Test;

/** The MSI-X table and PBA must live inside an implemented memory BAR (PCIe Base spec, MSI-X capability). */
class MsixPlacementTest {

    private static PciFunction.Builder nic() {
        return PciFunction.endpoint("test NIC", 0x8086, 0x10d3).classCode(0x020000)
                .bar(0, Bar.memory32(kib(128))).bar(2, Bar.io(ofBytes(32))).bar(3, Bar.memory32(kib(16)));
    }

    @Test
    void should_build_a_table_and_pba_that_fit_their_memory_bar() {
        PciFunction f = nic().msix(MsixCapability.of(5, 3, 0x0000, 0x2000)).build();
        assertThat(f.msix()).hasValueSatisfying(x -> assertThat(x.tableBir()).isEqualTo(3));
    }

    @Test
    void should_refuse_a_bir_that_names_no_bar() {
        assertThatThrownBy(() -> nic().msix(MsixCapability.of(5, 1, 0, 0x2000)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("BAR 1")
                .hasMessageContaining("no BAR").hasMessageContaining(".bar(1,");
    }

    @Test
    void should_refuse_a_table_in_an_io_bar() {
        assertThatThrownBy(() -> nic().msix(MsixCapability.of(1, 2, 0, 0x10)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("I/O").hasMessageContaining("memory BAR");
    }

    @Test
    void should_refuse_a_table_or_pba_larger_than_its_bar() {
        // 2048 vectors x 16 bytes = 32 KiB in a 16 KiB BAR
        assertThatThrownBy(() -> nic().msix(MsixCapability.of(2048, 3, 0, 0)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("table").hasMessageContaining("16 KiB");
        // the PBA starts past the end of BAR 3
        assertThatThrownBy(() -> nic().msix(MsixCapability.of(5, 3, 0, 0x4000)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("PBA");
        // table and PBA overlap in one BAR
        assertThatThrownBy(() -> nic().msix(MsixCapability.of(64, 3, 0, 0x200)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("overlap");
    }

    @Test
    void should_refuse_the_upper_half_of_a_64_bit_bar() {
        assertThatThrownBy(() -> PciFunction.endpoint("x", 0x1b36, 0x10).bar(0, Bar.memory64(kib(16)))
                .msix(MsixCapability.of(4, 1, 0, 0x1000)).build())
                .isInstanceOf(PciException.class).hasMessageContaining("upper half").hasMessageContaining("BIR 0");
    }

    @Test
    void should_reject_a_reserved_bir_on_import_instead_of_turning_it_into_5() {
        PciFunction f = PciDevices.nic();
        int at = f.config().findCapability(Header.CAP_ID_MSIX).orElseThrow();
        byte[] image = f.config().toByteArray();
        image[at + MsixCapability.TABLE] = (byte) ((image[at + MsixCapability.TABLE] & ~7) | 7);
        assertThatThrownBy(() -> MsixCapability.decode(ConfigSpace.of(image), at))
                .isInstanceOf(PciException.class).hasMessageContaining("BIR 7").hasMessageContaining("reserved");
        String dump = "00:01.0 Ethernet controller: x\n" + rows(image);
        int row = (at + MsixCapability.TABLE) / 16;
        assertThatThrownBy(() -> Pci.parseLspciDump(dump))
                .isInstanceOf(PciException.class).hasMessageContaining("BIR 7").hasMessageContaining("line " + (2 + row));
    }

    static String rows(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < b.length; r += 16) {
            sb.append(String.format("%02x:", r));
            for (int i = r; i < r + 16; i++) sb.append(String.format(" %02x", b[i] & 0xff));
            sb.append('\n');
        }
        return sb.toString();
    }
}
