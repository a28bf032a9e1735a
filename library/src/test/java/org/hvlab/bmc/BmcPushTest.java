package org.hvlab.bmc;

import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The multipart push at its limits: large capsules, too large ones, broken bodies. */
class BmcPushTest {
    private static final String BOUNDARY = "hvlabPushBoundary";
    private FakeDpu dpu0;
    private Bmc bmc;

    @BeforeEach
    void start() {
        dpu0 = new FakeDpu("DPU0", Bdf.of(1, 0, 0), 8L << 20);
        bmc = Bmc.builder().dpuPorts(List.of(dpu0)).admin("root", "calvin-123").installer(FakeDpu.installer()).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private static byte[] multipart(byte[] file, boolean closed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"UpdateParameters\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"UpdateFile\"; filename=\"dpu.cap\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        b.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(file);
        if (closed) b.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    private HttpResponse<String> push(byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(bmc.uri().resolve("/redfish/v1/UpdateService/upload"))
                        .header("Authorization", bmc.credentials().basicHeader())
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_accept_a_push_larger_than_two_mib_up_to_max_image_size() throws Exception {
        byte[] image = new byte[3 << 20];
        Arrays.fill(image, (byte) 'x');
        byte[] tag = "os-big-".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, image, 0, tag.length);
        HttpResponse<String> r = push(multipart(image, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String task = r.headers().firstValue("Location").orElseThrow().replace("TaskMonitors", "Tasks");
        TaskSnapshot t = bmc.client().task(RedfishPath.of(task)).await(Duration.ofSeconds(30));
        assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
        assertThat(dpu0.activeVersion()).startsWith("os-big-").hasSize(3 << 20);
    }

    @Test
    void should_answer_413_with_a_redfish_body_for_a_push_over_the_limit() throws Exception {
        long limit = bmc.http().get("/redfish/v1/UpdateService").json().path("MaxImageSizeBytes").asLong();
        assertThat(limit).isEqualTo(8L << 20);
        RawHttp.Response r = RawHttp.exchange(bmc.uri(), "POST /redfish/v1/UpdateService/upload HTTP/1.1\r\n"
                + "Authorization: " + bmc.credentials().basicHeader() + "\r\nContent-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nContent-Length: " + (limit * 2), new byte[1024]);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.header("OData-Version")).isEqualTo("4.0");
        assertThat(r.body()).contains("\"error\"").contains("@Message.ExtendedInfo").contains("MaxImageSizeBytes");
        assertThat(bmc.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt()).isZero();
    }

    @Test
    void should_answer_400_with_a_redfish_body_for_a_truncated_multipart_body() throws Exception {
        HttpResponse<String> r = push(multipart("os-7".getBytes(StandardCharsets.US_ASCII), false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("OData-Version")).contains("4.0");
        assertThat(r.body()).contains("@Message.ExtendedInfo");
        assertThat(dpu0.activeVersion()).isEqualTo("os-1.0");
    }

    @Test
    void should_answer_413_with_a_redfish_body_for_an_oversized_json_body() throws Exception {
        byte[] big = new byte[2 << 20];
        Arrays.fill(big, (byte) ' ');
        RawHttp.Response r = RawHttp.exchange(bmc.uri(), "PATCH /redfish/v1/Systems/DPU0 HTTP/1.1\r\n"
                + "Authorization: " + bmc.credentials().basicHeader() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + big.length, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("OData-Version")).isEqualTo("4.0");
        assertThat(r.body()).contains("@Message.ExtendedInfo");
    }
}
