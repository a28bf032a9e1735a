package org.hvlab.bmc;

import com.sun.net.httpserver.HttpServer;
import org.hvlab.bmc.redfish.Credentials;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials for ImageURI never leave its origin and are never shown to readers of the task. */
class ImageUriCredentialsTest {
    private FakeDpu dpu0;
    private Bmc bmc;
    private HttpServer origin;
    private HttpServer other;
    private final List<String> originAuth = new CopyOnWriteArrayList<>();
    private final List<String> otherAuth = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        dpu0 = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        bmc = Bmc.builder().dpuPorts(List.of(dpu0)).admin("root", "calvin-123")
                .account("viewer", "viewer-123", Role.READ_ONLY).installer(FakeDpu.installer()).start();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            otherAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            byte[] b = "os-7.0".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        other.start();
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/", ex -> {
            originAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + other.getAddress().getPort() + "/moved.cap");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        origin.start();
    }

    @AfterEach
    void stop() {
        origin.stop(0);
        other.stop(0);
        bmc.close();
    }

    private RedfishResponse simpleUpdate(String body) {
        return bmc.http().post("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate", body);
    }

    @Test
    void should_drop_the_authorization_header_on_a_redirect_to_another_origin() {
        RedfishResponse r = simpleUpdate("{\"ImageURI\":\"http://127.0.0.1:" + origin.getAddress().getPort()
                + "/dpu.cap\",\"Targets\":[\"/redfish/v1/Systems/DPU0\"],\"Username\":\"fw\",\"Password\":\"fw-secret\"}");
        assertThat(r.status()).isEqualTo(202);
        TaskSnapshot t = bmc.client().task(r).await(Duration.ofSeconds(20));
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
        assertThat(originAuth).containsExactly("Basic " + Base64.getEncoder().encodeToString("fw:fw-secret".getBytes()));
        assertThat(otherAuth).containsExactly("null");
        assertThat(dpu0.activeVersion()).isEqualTo("os-7.0");
    }

    @Test
    void should_use_user_info_as_basic_credentials_and_never_show_it() {
        int port = other.getAddress().getPort();
        RedfishResponse r = simpleUpdate("{\"ImageURI\":\"http://fw:pw-s3cret@127.0.0.1:" + port
                + "/dpu.cap\",\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.text()).doesNotContain("s3cret");
        TaskSnapshot t = bmc.client().task(r).await(Duration.ofSeconds(20));
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
        assertThat(otherAuth).containsExactly("Basic " + Base64.getEncoder().encodeToString("fw:pw-s3cret".getBytes()));
        RedfishResponse seen = bmc.client(new Credentials("viewer", "viewer-123")).http()
                .get("/redfish/v1/TaskService/Tasks/1");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.text()).doesNotContain("s3cret").doesNotContain("fw:").contains("http://127.0.0.1:" + port);
    }

    @Test
    void should_not_show_user_info_when_the_uri_is_unreachable() {
        RedfishResponse r = simpleUpdate("{\"ImageURI\":\"http://fw:pw-s3cret@127.0.0.1:1/dpu.cap\","
                + "\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}");
        TaskSnapshot t = bmc.client().task(r).await(Duration.ofSeconds(20));
        assertThat(t.state()).isEqualTo(TaskState.Exception);
        assertThat(bmc.http().get("/redfish/v1/TaskService/Tasks/1").text()).contains("unreachable")
                .doesNotContain("s3cret");
    }
}
