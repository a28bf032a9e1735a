package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hvlab.testing.PeerTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LspciDumpTest {
    @TempDir
    Path dir;

    private String lspci(String dump) throws IOException, InterruptedException {
        Path lspci = PeerTools.require("lspci", "pciutils");
        Path file = dir.resolve("topology.lspci");
        Files.writeString(file, dump);
        Process p = new ProcessBuilder(lspci.toString(), "-F", file.toString(), "-vvv", "-nn")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    @Test
    void should_be_decoded_by_the_real_lspci() throws Exception {
        // GIVEN the demo topology with one MSI vector programmed on the NVMe controller
        PciTopology t = Pci.demoTopology("ampere-altra");
        PciFunction nvme = t.require(Bdf.of(2, 0, 0));
        int msi = nvme.config().findCapability(Header.CAP_ID_MSI).orElseThrow();
        nvme.write(msi + 2, 2, 0x0001);
        nvme.write(msi + 4, 4, 0x0802_0040);
        nvme.write(msi + 0x0c, 2, 80);

        // WHEN lspci decodes our dump
        String out = lspci(t.lspciDump());

        // THEN it sees our IDs, header types, bridge bus numbers, MSI and MSI-X
        assertThat(out).contains("02:00.0 Non-Volatile memory controller [0108]").contains("[1b36:0010]")
                .contains("01:00.0 Ethernet controller [0200]").contains("[8086:10d3]")
                .contains("00:01.0 PCI bridge [0604]")
                .contains("Bus: primary=00, secondary=01, subordinate=01")
                .contains("Bus: primary=00, secondary=03, subordinate=03")
                .contains("Express (v2) Root Port").contains("Express (v2) Endpoint")
                .contains("MSI: Enable+ Count=1/32 Maskable+ 64bit+")
                .contains("Address: 0000000008020040  Data: 0050")
                .contains("MSI: Enable- Count=1/1 Maskable- 64bit-")
                .contains("MSI-X: Enable- Count=64 Masked-")
                .contains("Vector table: BAR=0 offset=00002000").contains("PBA: BAR=0 offset=00003000")
                .contains("Vector table: BAR=3 offset=00000000")
                .contains("Region 0: Memory at").contains("(64-bit, non-prefetchable)")
                .contains("Device Serial Number 00-15-17-ff-ff-24-8a-1e")
                .doesNotContain("Unknown header type");
        assertThat(out.split("\n\n")).hasSize(t.size());
    }

    @Test
    void should_show_the_raspberry_pi_4s_one_root_port_and_usb_controller_to_the_real_lspci() throws Exception {
        PciTopology t = Pci.demoTopology("rpi4");
        String out = lspci(t.lspciDump());
        assertThat(out).contains("00:00.0 PCI bridge [0604]").contains("[14e4:2711]")
                .contains("01:00.0 USB controller [0c03]").contains("[1106:3483]")
                .contains("Bus: primary=00, secondary=01, subordinate=01")
                .contains("Express (v2) Root Port").contains("MSI: Enable- Count=1/4 Maskable- 64bit+")
                .doesNotContain("8086").doesNotContain("Non-Volatile").doesNotContain("1b36");
        assertThat(out.split("\n\n")).hasSize(2);
    }

    @Test
    void should_round_trip_export_then_import() {
        PciTopology t = Pci.demoTopology("ampere-altra");
        PciTopology back = Pci.parseLspciDump(t.lspciDump());
        assertThat(back.functions().keySet()).isEqualTo(t.functions().keySet());
        t.functions().forEach((bdf, f) -> {
            PciFunction g = back.require(bdf);
            assertThat(g.config().toByteArray()).as(bdf.toString()).isEqualTo(f.config().toByteArray());
            assertThat(g.name()).isEqualTo(f.name());
            assertThat(g.bars()).extracting(Bar::address).isEqualTo(f.bars().stream().map(Bar::address).toList());
        });
        assertThat(back.lspciDump()).isEqualTo(t.lspciDump());
    }

    @Test
    void should_import_a_real_machines_dump() throws Exception {
        // a cloud-hypervisor guest's 'lspci -xxxx': virtio devices with vendor capabilities and MSI-X
        Path real = Path.of(getClass().getResource("/pci/virtio-guest.lspci").toURI());
        PciTopology t = Pci.importLspciDump(real);
        assertThat(t.size()).isEqualTo(6);
        PciFunction net = t.require(Bdf.parse("00:03.0"));
        assertThat(net.vendorId()).isEqualTo(0x1af4);
        assertThat(net.deviceId()).isEqualTo(0x1041);
        assertThat(net.classCode()).isEqualTo(0x020000);
        assertThat(net.name()).contains("Virtio 1.0 network device");
        assertThat(net.msix()).hasValueSatisfying(x -> {
            assertThat(x.tableSize()).isEqualTo(3);
            assertThat(x.tableOffset()).isEqualTo(0x8000);
            assertThat(x.enabled()).isTrue();
        });
        // software can still disable MSI-X and move a BAR, but not change the IDs
        int at = net.config().findCapability(Header.CAP_ID_MSIX).orElseThrow();
        net.write(at + 2, 2, 0x0002);
        assertThat(net.msix().orElseThrow().enabled()).isFalse();
        net.write(Header.VENDOR_ID, 2, 0);
        assertThat(net.vendorId()).isEqualTo(0x1af4);
        assertThat(Bar.probe(net.config(), 0)).hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo(Bar.Kind.MEMORY64));
    }

    @Test
    void should_re_export_a_real_dump_that_lspci_decodes_exactly_as_the_original() throws Exception {
        Path real = Path.of(getClass().getResource("/pci/virtio-guest.lspci").toURI());
        String original = lspci(Files.readString(real));
        String reexported = lspci(Pci.importLspciDump(real).lspciDump());
        assertThat(original).contains("MSI-X: Enable+ Count=3").contains("VirtIO: Notify");
        assertThat(reexported).isEqualTo(original);
    }

    @Test
    void should_reject_a_data_row_before_any_device_with_its_line_number() {
        assertThatThrownBy(() -> Pci.parseLspciDump("\n00: 86 80 57 0d\n"))
                .isInstanceOf(PciException.class).hasMessageContaining("line 2")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.LSPCI_DUMP_SYNTAX);
    }

    @Test
    void should_reject_bad_hex_an_overlong_row_and_a_bad_device_number_with_line_numbers() {
        String header = "00:01.0 Ethernet controller: x\n";
        assertThatThrownBy(() -> Pci.parseLspciDump(header + "00: 86 8g\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Pci.parseLspciDump(header + "ff8: 00 00 00 00 00 00 00 00 00 00\n"))
                .hasMessageContaining("line 2").hasMessageContaining("4096");
        assertThatThrownBy(() -> Pci.parseLspciDump("00:20.0 Bad: device 32\n00: 00\n")).hasMessageContaining("line 1")
                .hasMessageContaining("device");
        assertThatThrownBy(() -> Pci.parseLspciDump(header + "00: 86 80\n")).hasMessageContaining("line 2")
                .hasMessageContaining("2 bytes").hasMessageContaining("00:01.0");
    }

    @Test
    void should_reject_a_row_longer_than_16_bytes_with_its_line_number() {
        String header = "00:01.0 Ethernet controller: x\n";
        String row17 = "10:" + " 00".repeat(17) + "\n";
        assertThatThrownBy(() -> Pci.parseLspciDump(header + rows(16) + row17 + rows(64).substring(rows(16).length())))
                .isInstanceOf(PciException.class).hasMessageContaining("line 3").hasMessageContaining("17 bytes")
                .hasMessageContaining("16");
    }

    @Test
    void should_reject_a_row_offset_given_twice_citing_both_lines() {
        String dump = "00:01.0 Ethernet controller: x\n" + rows(64) + "20:" + " 11".repeat(16) + "\n";
        assertThatThrownBy(() -> Pci.parseLspciDump(dump))
                .isInstanceOf(PciException.class).hasMessageContaining("line 6").hasMessageContaining("line 4")
                .hasMessageContaining("0x20")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.LSPCI_DUMP_SYNTAX);
    }

    @Test
    void should_reject_the_same_function_twice_in_a_dump() {
        String block = "00:01.0 Ethernet controller: x\n" + rows(64) + "\n";
        assertThatThrownBy(() -> Pci.parseLspciDump(block + block)).hasMessageContaining("line 7")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.DUPLICATE_FUNCTION);
    }

    @Test
    void should_say_which_file_cannot_be_read() {
        assertThatThrownBy(() -> Pci.importLspciDump(dir.resolve("missing.lspci"))).hasMessageContaining("missing.lspci")
                .extracting(e -> ((PciException) e).reason()).isEqualTo(PciException.Reason.LSPCI_DUMP_IO);
    }

    private static String rows(int bytes) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < bytes; r += 16) sb.append(String.format("%02x: 86 80 d3 10 00 00 00 00 00 00 00 02 00 00 00 00%n", r));
        return sb.toString();
    }
}
