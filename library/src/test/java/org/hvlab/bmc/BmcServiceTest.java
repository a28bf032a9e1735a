package org.hvlab.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import org.hvlab.bmc.redfish.Credentials;
import org.hvlab.bmc.redfish.RedfishClient;
import org.hvlab.bmc.redfish.RedfishException;
import org.hvlab.bmc.redfish.RedfishHttp;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BmcServiceTest {
    private final MutableClock clock = new MutableClock();
    private FakeDpu dpu0;
    private FakeDpu dpu1;
    private Bmc bmc;

    @BeforeEach
    void start() {
        dpu0 = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        dpu1 = new FakeDpu("DPU1", Bdf.of(2, 0, 0));
        bmc = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-01")).dpuPorts(List.of(dpu0, dpu1))
                .clock(clock).admin("root", "calvin-123").account("viewer", "viewer-123", Role.READ_ONLY)
                .installer(FakeDpu.installer()).sessionTimeout(Duration.ofMinutes(10)).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private RedfishHttp readOnly() {
        return bmc.client(new Credentials("viewer", "viewer-123")).http();
    }

    @Test
    void should_serve_service_root_without_auth_with_links_sessions_and_odata_version() {
        RedfishResponse r = RedfishClient.basic(bmc.uri(), new Credentials("nobody", "x"), Optional.empty()).http()
                .get("/redfish/v1/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("OData-Version")).contains("4.0");
        assertThat(r.json().at("/Links/Sessions/@odata.id").asText()).isEqualTo("/redfish/v1/SessionService/Sessions");
        assertThat(r.json().path("UUID").asText()).isEqualTo(bmc.host().uuid().toString());
    }

    @Test
    void should_answer_401_with_a_redfish_error_body_for_wrong_credentials() {
        RedfishResponse r = bmc.client(new Credentials("root", "wrong")).http().get("/redfish/v1/Systems");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()).endsWith("NoValidSession");
        assertThat(r.header("WWW-Authenticate")).isPresent();
    }

    @Test
    void should_list_the_host_as_physical_and_each_dpu_as_dpu() {
        assertThat(bmc.client().systems()).extracting(s -> s.id() + ":" + s.systemType())
                .containsExactly("Host:Physical", "DPU0:DPU", "DPU1:DPU");
        JsonNode dpu = bmc.http().get("/redfish/v1/Systems/DPU0").json();
        assertThat(dpu.at("/Actions/#ComputerSystem.Reset/target").asText())
                .isEqualTo("/redfish/v1/Systems/DPU0/Actions/ComputerSystem.Reset");
        assertThat(dpu.at("/Oem/Hvlab/Bdf").asText()).isEqualTo("01:00.0");
        JsonNode fn = bmc.http().get("/redfish/v1/Chassis/Host/PCIeDevices/DPU1/PCIeFunctions/0").json();
        assertThat(fn.path("VendorId").asText()).isEqualTo("0x15b3");
        assertThat(bmc.http().get("/redfish/v1/Chassis/Host/NetworkAdapters").json().path("Members@odata.count")
                .asInt()).isEqualTo(2);
        assertThat(bmc.http().get("/redfish/v1/Managers/BMC").json().path("ManagerType").asText()).isEqualTo("BMC");
    }

    @Test
    void should_answer_404_with_an_error_body_for_an_unknown_resource() {
        RedfishResponse r = bmc.http().get("/redfish/v1/Systems/DPU9");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asText()).endsWith("ResourceNotFound");
    }

    @Test
    void should_log_in_use_the_token_log_out_and_expire_idle_sessions() {
        try (RedfishClient s = RedfishClient.session(bmc.uri(), new Credentials("root", "calvin-123"), Optional.empty())) {
            assertThat(s.sessionPath()).isPresent();
            assertThat(s.http().get("/redfish/v1/Systems").status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(11));
            assertThat(s.http().get("/redfish/v1/Systems").status()).isEqualTo(401);
        }
        RedfishClient s2 = RedfishClient.session(bmc.uri(), new Credentials("root", "calvin-123"), Optional.empty());
        RedfishPath p = s2.sessionPath().orElseThrow();
        assertThat(bmc.http().get(p).status()).isEqualTo(200);
        s2.close();
        assertThat(bmc.http().get(p).status()).isEqualTo(404);
        assertThat(s2.http().get("/redfish/v1/Systems").status()).isEqualTo(401);
    }

    @Test
    void should_refuse_a_wrong_password_at_login() {
        assertThatThrownBy(() -> RedfishClient.session(bmc.uri(), new Credentials("root", "nope"), Optional.empty()))
                .isInstanceOf(RedfishException.class).hasMessageContaining("401");
    }

    @Test
    void should_refuse_a_read_only_post_with_403_and_change_nothing() {
        RedfishResponse r = readOnly().post("/redfish/v1/Systems/DPU0/Actions/ComputerSystem.Reset",
                "{\"ResetType\":\"ForceRestart\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).contains("viewer").contains("ConfigureComponents");
        assertThat(dpu0.resets).isZero();
        assertThat(readOnly().get("/redfish/v1/Systems/DPU0").status()).isEqualTo(200);
    }

    @Test
    void should_answer_400_with_malformed_json_and_change_nothing() {
        RedfishResponse r = bmc.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate", "{\"ImageURI\":");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()).endsWith("MalformedJSON");
        assertThat(bmc.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt()).isZero();
    }

    @Test
    void should_refuse_an_unknown_target_naming_the_valid_ones() {
        RedfishResponse r = bmc.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                "{\"ImageURI\":\"http://127.0.0.1:1/x.cap\",\"TransferProtocol\":\"HTTP\",\"Targets\":[\"/redfish/v1/Systems/DPU7\"]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("DPU7").contains("/redfish/v1/Systems/DPU0").contains("/redfish/v1/Systems/DPU1");
        assertThat(bmc.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt()).isZero();
    }

    @Test
    void should_refuse_a_stale_etag_with_412_and_keep_the_old_values() {
        RedfishPath dpu = RedfishPath.of("/redfish/v1/Systems/DPU0");
        String etag = bmc.http().get(dpu).etag().orElseThrow();
        RedfishResponse ok = bmc.http().patch(dpu, "{\"AssetTag\":\"rack-7\"}", Optional.of(etag));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("AssetTag").asText()).isEqualTo("rack-7");
        RedfishResponse stale = bmc.http().patch(dpu, "{\"AssetTag\":\"rack-9\",\"Boot\":{\"BootSourceOverrideTarget\":\"Pxe\"}}",
                Optional.of(etag));
        assertThat(stale.status()).isEqualTo(412);
        JsonNode now = bmc.http().get(dpu).json();
        assertThat(now.path("AssetTag").asText()).isEqualTo("rack-7");
        assertThat(now.at("/Boot/BootSourceOverrideTarget").asText()).isEqualTo("None");
    }

    @Test
    void should_apply_a_once_boot_override_to_the_next_reset_only() {
        RedfishPath dpu = RedfishPath.of("/redfish/v1/Systems/DPU0");
        String etag = bmc.http().get(dpu).etag().orElseThrow();
        RedfishResponse set = bmc.http().patch(dpu,
                "{\"Boot\":{\"BootSourceOverrideEnabled\":\"Once\",\"BootSourceOverrideTarget\":\"Pxe\"}}",
                Optional.of(etag));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().at("/Boot/BootSourceOverrideEnabled").asText()).isEqualTo("Once");
        assertThat(set.json().at("/Boot/BootSourceOverrideEnabled@Redfish.AllowableValues").toString())
                .contains("Continuous");
        assertThat(bmc.http().post(dpu + "/Actions/ComputerSystem.Reset", "{\"ResetType\":\"ForceRestart\"}")
                .status()).isEqualTo(204);
        JsonNode after = bmc.http().get(dpu).json();
        assertThat(after.at("/Boot/BootSourceOverrideEnabled").asText()).isEqualTo("Disabled");
        assertThat(bmc.http().get(dpu).etag()).isNotEqualTo(Optional.of(etag));
    }

    @Test
    void should_refuse_a_bad_boot_target_naming_the_allowed_ones() {
        RedfishResponse r = bmc.http().patch(RedfishPath.of("/redfish/v1/Systems/Host"),
                "{\"AssetTag\":\"x\",\"Boot\":{\"BootSourceOverrideTarget\":\"Floppy\"}}", Optional.empty());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("Floppy").contains("Pxe");
        assertThat(bmc.http().get("/redfish/v1/Systems/Host").json().path("AssetTag").asText()).isEmpty();
    }

    @Test
    void should_let_an_administrator_add_accounts_and_not_an_operator() {
        RedfishResponse r = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"op\",\"Password\":\"operator-1\",\"RoleId\":\"Operator\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).isPresent();
        RedfishHttp op = bmc.client(new Credentials("op", "operator-1")).http();
        RedfishResponse denied = op.post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"x\",\"Password\":\"xxxxxxxx1\",\"RoleId\":\"Administrator\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(bmc.http().get("/redfish/v1/AccountService/Accounts").json().path("Members@odata.count").asInt())
                .isEqualTo(3);
        RedfishResponse badRole = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"y\",\"Password\":\"yyyyyyyy1\",\"RoleId\":\"God\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.errorMessage()).contains("ReadOnly");
    }

    @Test
    void should_reset_a_dpu_through_the_reset_action() {
        RedfishResponse r = bmc.http().post("/redfish/v1/Systems/DPU1/Actions/ComputerSystem.Reset",
                "{\"ResetType\":\"ForceRestart\"}");
        assertThat(r.status()).isEqualTo(204);
        assertThat(dpu1.resets).isEqualTo(1);
        assertThat(dpu0.resets).isZero();
    }

    @Test
    void should_run_a_simple_update_to_completed_and_show_it_in_the_inventory() throws Exception {
        try (FlakyImageServer img = new FlakyImageServer("os-2.0".getBytes(), 0, 0, true)) {
            assertThat(bmc.client().firmwareInventory().version("DPU0_B")).contains("");
            RedfishResponse r = bmc.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                    "{\"ImageURI\":\"" + img.uri() + "\",\"TransferProtocol\":\"HTTP\",\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}");
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.header("Location")).hasValueSatisfying(l -> assertThat(l).contains("/TaskService/TaskMonitors/"));
            TaskSnapshot t = bmc.client().task(r).await(Duration.ofSeconds(20));
            assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
            assertThat(t.percentComplete()).isEqualTo(100);
            assertThat(t.messages().rowCount()).isGreaterThanOrEqualTo(3);
            assertThat(dpu0.activeVersion()).isEqualTo("os-2.0");
            assertThat(bmc.client().firmwareInventory().version("DPU0_B")).contains("os-2.0");
            assertThat(bmc.http().get(RedfishPath.of(r.header("Location").orElseThrow())).status()).isEqualTo(200);
        }
    }

    @Test
    void should_resume_a_broken_transfer_with_range() throws Exception {
        byte[] image = "os-3.0-with-a-longer-body-to-break".getBytes();
        try (FlakyImageServer img = new FlakyImageServer(image, 3, 5, true)) {
            TaskSnapshot t = bmc.client().simpleUpdate(img.uri(), List.of(RedfishPath.of("/redfish/v1/Systems/DPU1")))
                    .await(Duration.ofSeconds(20));
            assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
            assertThat(img.rangeHeaders).hasSizeBetween(1, 3).allMatch(h -> h.matches("bytes=[1-9][0-9]*-"));
            assertThat(dpu1.activeVersion()).isEqualTo(new String(image));
        }
    }

    @Test
    void should_fail_the_task_when_the_transfer_cannot_be_resumed_and_keep_the_old_os() throws Exception {
        try (FlakyImageServer img = new FlakyImageServer("os-4.0-xxxxxxxxxxxxxxxxxxxxxxxx".getBytes(), 9, 5, true)) {
            TaskSnapshot t = bmc.client().simpleUpdate(img.uri(), List.of(RedfishPath.of("/redfish/v1/Systems/DPU0")))
                    .await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("could not be resumed").contains("3 Range resumes");
            assertThat(dpu0.activeVersion()).isEqualTo("os-1.0");
            assertThat(dpu0.resets).isZero();
        }
        try (FlakyImageServer img = new FlakyImageServer("os-4.0-xxxxxxxxxxxxxxxxxxxxxxxx".getBytes(), 1, 5, false)) {
            TaskSnapshot t = bmc.client().simpleUpdate(img.uri(), List.of(RedfishPath.of("/redfish/v1/Systems/DPU0")))
                    .await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.lastMessage() + t.toText()).contains("instead of 206");
        }
    }

    @Test
    void should_fail_the_task_for_an_unreachable_uri() {
        TaskSnapshot t = bmc.client().simpleUpdate(URI.create("http://127.0.0.1:1/none.cap"),
                List.of(RedfishPath.of("/redfish/v1/Systems/DPU0"))).await(Duration.ofSeconds(20));
        assertThat(t.state()).isEqualTo(TaskState.Exception);
        assertThat(t.toText()).contains("unreachable");
        assertThat(dpu0.activeVersion()).isEqualTo("os-1.0");
    }

    @Test
    void should_refuse_a_second_update_of_a_busy_dpu_with_409_naming_the_task() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeDpu slow = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        try (Bmc b = Bmc.builder().dpuPorts(List.of(slow)).admin("root", "calvin-123").installer((d, in) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeDpu.installer().install(d, in);
        }).start(); FlakyImageServer img = new FlakyImageServer("os-5.0".getBytes(), 0, 0, true)) {
            String body = "{\"ImageURI\":\"" + img.uri() + "\",\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}";
            RedfishResponse first = b.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate", body);
            assertThat(first.status()).isEqualTo(202);
            RedfishResponse second = b.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate", body);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.errorMessage()).contains("/redfish/v1/TaskService/Tasks/1");
            assertThat(b.http().post("/redfish/v1/Systems/DPU0/Actions/ComputerSystem.Reset",
                    "{\"ResetType\":\"ForceRestart\"}").status()).isEqualTo(409);
            assertThat(b.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt()).isEqualTo(1);
            release.countDown();
            assertThat(b.client().task(first).await(Duration.ofSeconds(20)).state()).isEqualTo(TaskState.Completed);
        }
    }

    @Test
    void should_accept_a_multipart_push_and_run_it_as_a_task() throws Exception {
        String boundary = "hvlabBoundary42";
        String params = "{\"Targets\":[\"/redfish/v1/Systems/DPU1\"],\"@Redfish.OperationApplyTime\":\"Immediate\"}";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"UpdateParameters\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + params + "\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"UpdateFile\"; filename=\"dpu.cap\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nos-6.0\r\n--" + boundary + "--\r\n";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(bmc.uri().resolve("/redfish/v1/UpdateService/upload"))
                        .header("Authorization", bmc.credentials().basicHeader())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(multipart)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String task = r.headers().firstValue("Location").orElseThrow();
        TaskSnapshot t = bmc.client().task(RedfishPath.of(task.replace("TaskMonitors", "Tasks"))).await(Duration.ofSeconds(20));
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
        assertThat(dpu1.activeVersion()).isEqualTo("os-6.0");
    }

    private java.net.http.HttpResponse<String> multipart(String user, String pass, boolean withFile) throws Exception {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"UpdateParameters\"\r\n\r\n"
                + "{\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}\r\n"
                + (withFile ? "--" + boundary + "\r\nContent-Disposition: form-data; name=\"UpdateFile\"; filename=\"a.cap\"\r\n\r\nos-9\r\n" : "")
                + "--" + boundary + "--\r\n";
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(bmc.uri().resolve("/redfish/v1/UpdateService/upload"))
                        .header("Authorization", new Credentials(user, pass).basicHeader())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_refuse_a_read_only_push_and_one_without_update_file() throws Exception {
        assertThat(multipart("viewer", "viewer-123", true).statusCode()).isEqualTo(403);
        var missing = multipart("root", "calvin-123", false);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("UpdateFile");
        assertThat(bmc.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt()).isZero();
        assertThat(dpu0.activeVersion()).isEqualTo("os-1.0");
    }

    @Test
    void should_serve_https_with_a_self_signed_certificate() {
        try (Bmc tls = Bmc.builder().https(true).dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0))))
                .installer(FakeDpu.installer()).start()) {
            assertThat(tls.uri().getScheme()).isEqualTo("https");
            assertThat(tls.client().dpus()).hasSize(1);
        }
    }

    @Test
    void should_close_twice_without_error_and_stop_serving() {
        Bmc b = Bmc.builder().dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)))).installer(FakeDpu.installer()).start();
        RedfishHttp http = b.http();
        b.close();
        b.close();
        assertThatThrownBy(() -> http.get("/redfish/v1")).isInstanceOf(RedfishException.class);
    }

    @Test
    void should_reject_a_port_out_of_range_when_set() {
        assertThatThrownBy(() -> Bmc.builder().port(70000)).isInstanceOf(BmcException.class)
                .hasMessageContaining("70000");
    }
}
