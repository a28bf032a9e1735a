package org.hvlab.bmc.install;

import org.hvlab.bmc.Bmc;
import org.hvlab.bmc.HostDescription;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.core.Progress;
import org.hvlab.dpu.DpuImageCatalog;
import org.hvlab.dpu.Dpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstallerTest {
    private static final String CATALOG = """
            id,model,pci_vendor,pci_device,version,build,payload_bytes,seed,description
            bf2-4.2.0,BlueField-2,0x15b3,0xa2d6,4.2.0,old,50000,42,older
            bf2-4.5.0,BlueField-2,0x15b3,0xa2d6,4.5.0,DOCA_2.5.0,120000,45,newest
            bf3-4.5.0,BlueField-3,0x15b3,0xa2dc,4.5.0,DOCA_2.5.0,120000,46,other model
            """;

    @TempDir
    Path dir;

    @Test
    void should_list_match_wrap_serve_and_provision_every_dpu() throws Exception {
        List<String> updates = new ArrayList<>();
        Progress.Sink sink = new Progress.SilentSink() {
            @Override public void updated(Progress.Task task) { updates.add(task.name() + " " + task.done()); }
        };
        try (Dpus dpus = Dpus.builder().count(2).directory(dir.resolve("dpus")).factoryPayloadBytes(4096).build();
             Bmc bmc = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-01")).dpus(dpus).start();
             Installer installer = Installer.builder().client(bmc.client()).catalog(DpuImageCatalog.parse(CATALOG))
                     .workDirectory(dir.resolve("installer")).build();
             Progress.Installed p = Progress.install(sink)) {
            assertThat(installer.listing().stringColumn("image").asList()).containsExactly("bf2-4.5.0", "bf2-4.5.0");
            ProvisioningResult r = installer.provisionDpus();
            assertThat(r.allCompleted()).as(r.toText()).isTrue();
            assertThat(r.dpus()).extracting(d -> d.dpu().id()).containsExactly("DPU0", "DPU1");
            for (var d : dpus) assertThat(d.runningImage().orElseThrow().version()).isEqualTo("4.5.0");
            assertThat(r.table().stringColumn("dpu").unique().asList()).containsExactlyInAnyOrder("DPU0", "DPU1");
            assertThat(r.summary().rowCount()).isEqualTo(2);
            assertThat(installer.server().requests()).isGreaterThanOrEqualTo(2);
            assertThat(updates).anyMatch(u -> u.endsWith(" 100"));
            assertThat(Files.list(installer.server().directory()).count()).isEqualTo(2);
        }
    }

    @Test
    void should_report_a_corrupt_capsule_and_leave_the_dpu_on_its_os() throws Exception {
        try (Dpus dpus = Dpus.builder().count(1).directory(dir.resolve("dpus")).factoryPayloadBytes(4096).build();
             Bmc bmc = Bmc.builder().dpus(dpus).start();
             Installer installer = Installer.builder().client(bmc.client()).catalog(DpuImageCatalog.parse(CATALOG))
                     .workDirectory(dir.resolve("installer")).build()) {
            Installer.Served s = installer.wrapAndServe(installer.listDpus().get(0));
            byte[] b = Files.readAllBytes(s.file());
            b[b.length - 100] ^= 0x55;
            Files.write(s.file(), b);
            var t = installer.sendUri(s.uri(), RedfishPath.of("/redfish/v1/Systems/DPU0"));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.lastMessage()).contains("hash mismatch");
            assertThat(dpus.get("DPU0").runningImage().orElseThrow().version()).isEqualTo(Dpus.FACTORY_VERSION);
        }
    }
}
