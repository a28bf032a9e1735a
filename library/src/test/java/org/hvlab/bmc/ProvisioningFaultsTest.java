package org.hvlab.bmc;

import org.hvlab.bmc.install.CapsuleServer;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.dpu.Dpu;
import org.hvlab.dpu.DpuImage;
import org.hvlab.dpu.Dpus;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.Guid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SimpleUpdate with real capsules into real DPU models: success, and each fault leaving the old OS booting. */
class ProvisioningFaultsTest {
    private static final RedfishPath DPU0 = RedfishPath.of("/redfish/v1/Systems/DPU0");
    @TempDir
    Path dir;
    private Dpus dpus;
    private Bmc bmc;
    private CapsuleServer server;
    private Path image;

    @BeforeEach
    void start() throws Exception {
        dpus = Dpus.builder().count(2).directory(dir.resolve("dpus")).factoryPayloadBytes(4096).build();
        bmc = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-01")).dpus(dpus).start();
        server = CapsuleServer.start(Files.createDirectories(dir.resolve("www")));
        image = dir.resolve("bf2-4.5.0.img");
        DpuImage.builder().model("BlueField-2").version("4.5.0").build("test-build").payloadBytes(200_000).seed(3)
                .writeTo(image);
    }

    @AfterEach
    void stop() {
        server.close();
        bmc.close();
        dpus.close();
    }

    private Path capsule(String name, Guid type) {
        Path cap = server.directory().resolve(name);
        Capsule.fmp(type).payload(image).writeTo(cap);
        return cap;
    }

    private TaskSnapshot update(Path capsule) {
        return bmc.client().simpleUpdate(server.publish(capsule), List.of(DPU0)).await(Duration.ofSeconds(30));
    }

    private void assertKeepsFactoryOs(TaskSnapshot t, String which) {
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Exception);
        assertThat(t.toText()).contains(which);
        Dpu d = dpus.get("DPU0");
        assertThat(d.reset().image().orElseThrow().version()).isEqualTo(Dpus.FACTORY_VERSION);
        assertThat(d.updateInProgress()).isFalse();
    }

    @Test
    void should_provision_a_dpu_from_an_fmp_capsule_and_show_it_in_the_inventory() {
        assertThat(bmc.client().firmwareInventory().version("DPU0_A")).contains(Dpus.FACTORY_VERSION);
        TaskSnapshot t = update(capsule("dpu0.cap", Guid.DPU_MANAGEMENT_OS_IMAGE));
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
        assertThat(dpus.get("DPU0").runningImage().orElseThrow().version()).isEqualTo("4.5.0");
        assertThat(bmc.client().firmwareInventory().version("DPU0_B")).contains("4.5.0");
        assertThat(bmc.http().get(DPU0).json().at("/Oem/Hvlab/BootedVersion").asText()).isEqualTo("4.5.0");
        assertThat(dpus.get("DPU1").runningImage().orElseThrow().version()).isEqualTo(Dpus.FACTORY_VERSION);
    }

    @Test
    void should_show_an_empty_slot_as_absent_a_fallback_as_warning_and_a_dpu_that_cannot_boot_as_critical() {
        var b = bmc.http().get("/redfish/v1/UpdateService/FirmwareInventory/DPU0_B").json();
        assertThat(b.at("/Status/State").asText()).isEqualTo("Absent");
        assertThat(b.at("/Status/Health").isMissingNode()).isTrue();
        assertThat(bmc.http().get(DPU0).json().at("/Status/Health").asText()).isEqualTo("OK");
        assertThat(update(capsule("dpu0.cap", Guid.DPU_MANAGEMENT_OS_IMAGE)).state()).isEqualTo(TaskState.Completed);

        // WHEN the new image (slot B) is damaged and the DPU resets, it falls back to the factory OS in slot A
        Dpu d = dpus.get("DPU0");
        d.flash().corrupt(org.hvlab.dpu.SlotId.B, DpuImage.HEADER_SIZE + 5);
        d.reset();
        var sys = bmc.http().get(DPU0).json();
        assertThat(sys.at("/Status/State").asText()).isEqualTo("Enabled");
        assertThat(sys.at("/Status/Health").asText()).isEqualTo("Warning");

        // AND when slot A is damaged too, the DPU stays powered with nothing to run
        d.flash().corrupt(org.hvlab.dpu.SlotId.A, 0);
        d.reset();
        sys = bmc.http().get(DPU0).json();
        assertThat(sys.at("/PowerState").asText()).isEqualTo("On");
        assertThat(sys.at("/Status/State").asText()).isEqualTo("UnavailableOffline");
        assertThat(sys.at("/Status/Health").asText()).isEqualTo("Critical");

        // THEN ResetType On boots it again (it is not running), where a running DPU is left alone
        int boots = d.bootCount();
        assertThat(bmc.http().post("/redfish/v1/Systems/DPU0/Actions/ComputerSystem.Reset", "{\"ResetType\":\"On\"}").status())
                .isEqualTo(204);
        assertThat(d.bootCount()).isEqualTo(boots + 1);
    }

    @Test
    void should_advertise_the_dpus_own_slot_size_and_refuse_a_larger_image_as_oversized() throws Exception {
        try (Dpus small = Dpus.builder().count(1).directory(dir.resolve("small")).factoryPayloadBytes(4096)
                .slotCapacity(org.hvlab.core.ByteSize.kib(64)).build();
             Bmc b = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-02")).dpus(small).start()) {
            assertThat(b.http().get("/redfish/v1/UpdateService").json().at("/MaxImageSizeBytes").asLong())
                    .isEqualTo(64 * 1024);
            TaskSnapshot t = b.client().simpleUpdate(server.publish(capsule("big.cap", Guid.DPU_MANAGEMENT_OS_IMAGE)),
                    List.of(DPU0)).await(Duration.ofSeconds(30));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("oversized capsule").contains("65536");
            assertThat(small.get("DPU0").reset().image().orElseThrow().version()).isEqualTo(Dpus.FACTORY_VERSION);
        }
    }

    @Test
    void should_provision_from_a_plain_capsule_whose_guid_is_the_dpu_os() {
        Path cap = server.directory().resolve("plain.cap");
        Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(image).writeTo(cap);
        assertThat(update(cap).state()).isEqualTo(TaskState.Completed);
    }

    @Test
    void should_fail_on_a_wrong_guid() {
        Path cap = capsule("other.cap", Guid.parse("9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97"));
        assertKeepsFactoryOs(update(cap), "wrong GUID");
    }

    @Test
    void should_update_only_the_dpu_an_fmp_image_names_by_hardware_instance() {
        Dpu dpu0 = dpus.get("DPU0");
        assertThat(bmc.http().get(DPU0).json().at("/Oem/Hvlab/FmpHardwareInstance").asText())
                .isEqualTo("0x" + Long.toHexString(dpu0.hardwareInstance()));
        Path other = server.directory().resolve("for-dpu1.cap");
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).instance(dpus.get("DPU1").hardwareInstance()).payload(image)
                .writeTo(other);
        assertKeepsFactoryOs(update(other), "wrong hardware instance");
        Path mine = server.directory().resolve("for-dpu0.cap");
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).instance(dpu0.hardwareInstance()).payload(image).writeTo(mine);
        assertThat(update(mine).state()).isEqualTo(TaskState.Completed);
        assertThat(dpu0.runningImage().orElseThrow().version()).isEqualTo("4.5.0");
    }

    @Test
    void should_fail_on_a_truncated_capsule() throws Exception {
        Path cap = capsule("short.cap", Guid.DPU_MANAGEMENT_OS_IMAGE);
        byte[] b = Files.readAllBytes(cap);
        Files.write(cap, Arrays.copyOf(b, b.length - 1000));
        assertKeepsFactoryOs(update(cap), "truncated capsule");
    }

    @Test
    void should_fail_on_an_oversized_capsule() throws Exception {
        Path cap = capsule("long.cap", Guid.DPU_MANAGEMENT_OS_IMAGE);
        Files.write(cap, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        assertKeepsFactoryOs(update(cap), "oversized capsule");
    }

    @Test
    void should_fail_on_an_image_hash_mismatch() throws Exception {
        Path cap = capsule("corrupt.cap", Guid.DPU_MANAGEMENT_OS_IMAGE);
        try (RandomAccessFile f = new RandomAccessFile(cap.toFile(), "rw")) {
            long at = f.length() - 5000;
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0xff);
        }
        assertKeepsFactoryOs(update(cap), "hash mismatch");
    }

    @Test
    void should_fail_on_an_unreachable_uri() {
        TaskSnapshot t = bmc.client().simpleUpdate(URI.create("http://127.0.0.1:1/dpu.cap"), List.of(DPU0))
                .await(Duration.ofSeconds(30));
        assertKeepsFactoryOs(t, "unreachable");
    }

    @Test
    void should_fail_on_an_unresumable_transfer() throws Exception {
        Path cap = capsule("flaky.cap", Guid.DPU_MANAGEMENT_OS_IMAGE);
        try (FlakyImageServer flaky = new FlakyImageServer(Files.readAllBytes(cap), 9, 50_000, true)) {
            TaskSnapshot t = bmc.client().simpleUpdate(flaky.uri(), List.of(DPU0)).await(Duration.ofSeconds(30));
            assertKeepsFactoryOs(t, "could not be resumed");
            assertThat(flaky.rangeHeaders).hasSize(3);
        }
    }

    @Test
    void should_complete_after_resuming_a_broken_capsule_transfer() throws Exception {
        Path cap = capsule("resumed.cap", Guid.DPU_MANAGEMENT_OS_IMAGE);
        try (FlakyImageServer flaky = new FlakyImageServer(Files.readAllBytes(cap), 2, 70_000, true)) {
            TaskSnapshot t = bmc.client().simpleUpdate(flaky.uri(), List.of(DPU0)).await(Duration.ofSeconds(30));
            assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
            assertThat(flaky.rangeHeaders).hasSize(2).allMatch(h -> h.matches("bytes=[1-9][0-9]*-"));
        }
    }
}
