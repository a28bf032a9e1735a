package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hvlab.dpu.Dpu;
import org.hvlab.pci.Bdf;
import org.hvlab.pci.PciTopology;
import org.hvlab.testing.PeerTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's own PCIe topology: each DPU's function behind a root port, the same one the BMC shows. */
class HostPciTest {
    @TempDir
    Path dir;

    @Test
    void should_put_each_dpu_function_behind_a_root_port_and_show_its_config_space_in_redfish() {
        try (Host host = Lab.host("edge-01").platform("ampere-altra").build()) {
            PciTopology t = host.pci();
            for (Dpu d : host.dpus()) {
                assertThat(t.function(d.bdf())).containsSame(d.pciFunction());
                assertThat(d.pciFunction().vendorId()).isEqualTo(0x15b3);
                assertThat(d.pciFunction().classCode()).isEqualTo(0x020000);
                assertThat(d.pciFunction().bars().get(0).address()).as("firmware assigned BAR0").isNotZero();
                assertThat(t.functions().values()).anySatisfy(f -> assertThat(f.isBridge()
                        && f.secondaryBus() == d.bdf().bus()).isTrue());
            }
            // a config write stays: the topology is the host's one object, not rebuilt (and reprogrammed) per call
            Dpu first = host.dpus().get("DPU0");
            first.pciFunction().write(0x04, 2, first.pciFunction().read(0x04, 2) & ~0x2); // memory decode off
            assertThat(host.pci()).isSameAs(t);
            assertThat(first.pciFunction().read(0x04, 2) & 0x2).isZero();
            JsonNode fn = host.bmc().http().get("/redfish/v1/Chassis/Host/PCIeDevices/DPU0/PCIeFunctions/0").json();
            Dpu d0 = host.dpus().get("DPU0");
            assertThat(fn.at("/VendorId").asText()).isEqualTo(String.format("0x%04x", d0.pciFunction().vendorId()));
            assertThat(fn.at("/DeviceId").asText()).isEqualTo("0xa2d6");
            assertThat(fn.at("/ClassCode").asText()).isEqualTo("0x020000");
            assertThat(fn.at("/SubsystemId").asText()).isEqualTo(String.format("0x%04x",
                    d0.pciFunction().read(0x2e, 2)));
            assertThat(fn.at("/Oem/Hvlab/Bdf").asText()).isEqualTo(d0.bdf().toString());
        }
    }

    @Test
    void should_be_decoded_by_the_real_lspci_as_bluefield_2_functions() throws Exception {
        Path lspci = PeerTools.require("lspci", "pciutils");
        try (Host host = Lab.host("edge-01").platform("ampere-altra").build()) {
            Path file = dir.resolve("host.lspci");
            Files.writeString(file, host.pci().lspciDump());
            Process p = new ProcessBuilder(lspci.toString(), "-F", file.toString(), "-vvv", "-nn")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            Bdf b = host.dpus().get("DPU1").bdf();
            assertThat(out).contains(String.format("%02x:%02x.%d", b.bus(), b.device(), b.function()))
                    .contains("[15b3:a2d6]").contains("MSI-X: Enable- Count=64")
                    .contains("Device Serial Number").contains("PCI bridge")
                    // each root port forwards its DPU's 32 MiB BAR: firmware opened the prefetchable window
                    .containsPattern("Prefetchable memory behind bridge: [0-9a-f]{16}-[0-9a-f]{16} \\[size=32M\\]");
        }
    }
}
