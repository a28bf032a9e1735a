package org.hvlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PciCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_write_the_demo_topology_as_an_lspci_dump() throws Exception {
        Path out = dir.resolve("demo.lspci");
        int code = Hvlab.commandLine().execute("pci", "dump", "--platform", "ampere-altra", "--out", out.toString());
        assertThat(code).isZero();
        String dump = Files.readString(out);
        assertThat(dump).startsWith("00:00.0 Host bridge: ampere-altra host bridge\n00: 36 1b 08 00");
        assertThat(dump).contains("\n02:00.0 Non-Volatile memory controller: NVMe controller\n");
    }

    @Test
    void should_dump_the_hosts_own_topology_with_its_dpus() throws Exception {
        Path out = dir.resolve("host.lspci");
        assertThat(Hvlab.commandLine().execute("pci", "dump", "--host", "--platform", "ampere-altra", "--out",
                out.toString())).isZero();
        String dump = Files.readString(out);
        assertThat(dump).contains("\n01:00.0 Ethernet controller: BlueField-2 DPU\n00: b3 15 d6 a2")
                .contains("\n02:00.0 Ethernet controller: BlueField-2 DPU\n").doesNotContain("NVMe");
    }

    @Test
    void should_dump_the_raspberry_pi_4s_bcm2711_root_port_and_vl805_only() throws Exception {
        Path out = dir.resolve("rpi4.lspci");
        assertThat(Hvlab.commandLine().execute("pci", "dump", "--platform", "rpi4", "--out", out.toString())).isZero();
        String dump = Files.readString(out);
        assertThat(dump).startsWith("00:00.0 PCI bridge: BCM2711 PCIe Bridge\n00: e4 14 11 27")
                .contains("\n01:00.0 USB controller: VL805/806 xHCI USB 3.0 Controller\n00: 06 11 83 34")
                .doesNotContain("NVMe").doesNotContain("NIC");
    }

    @Test
    void should_read_back_a_dump_and_report_a_malformed_one_with_its_line() throws Exception {
        Path out = dir.resolve("demo.lspci");
        Hvlab.commandLine().execute("pci", "dump", "--out", out.toString());
        assertThat(Hvlab.commandLine().execute("pci", "show", out.toString())).isZero();
        assertThat(Files.readString(out)).startsWith("00:00.0 Host bridge: ampere-altra host bridge"); // catalog default

        Path bad = dir.resolve("bad.lspci");
        Files.writeString(bad, "00:01.0 Ethernet controller: x\n00: zz\n");
        CommandLine cl = Hvlab.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("pci", "show", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("pci.lspci_dump_syntax").contains("line 2");
    }
}
