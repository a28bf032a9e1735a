package org.hvlab.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import org.hvlab.bmc.internal.Json;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP-level Redfish rules (DSP0266): paths, methods, headers, media types. */
class RedfishProtocolTest {
    private Bmc bmc;

    @BeforeEach
    void start() {
        bmc = Bmc.builder().dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)))).admin("root", "calvin-123")
                .installer(FakeDpu.installer()).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    @Test
    void should_not_serve_paths_that_only_start_with_the_v1_prefix() {
        assertThat(bmc.http().get("/redfish/v1Systems").status()).isEqualTo(404);
        assertThat(bmc.http().get("/redfish/v1x").status()).isEqualTo(404);
        assertThat(bmc.http().get("/redfish/v1/Systems").status()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(bmc.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", bmc.credentials().basicHeader())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode info(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).at("/error/@Message.ExtendedInfo/0");
    }

    @Test
    void should_serve_metadata_and_the_odata_service_document_without_auth() throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        HttpResponse<String> meta = c.send(HttpRequest.newBuilder(bmc.uri().resolve("/redfish/v1/$metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(meta.headers().firstValue("OData-Version")).contains("4.0");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(meta.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("edmx:Edmx");
        assertThat(meta.body()).contains("http://redfish.dmtf.org/schemas/v1/ComputerSystem_v1.xml")
                .contains("Namespace=\"ComputerSystem.v1_20_0\"").contains("Namespace=\"UpdateService.v1_11_0\"")
                .contains("ServiceRoot.v1_15_0.ServiceContainer");
        HttpResponse<String> odata = c.send(HttpRequest.newBuilder(bmc.uri().resolve("/redfish/v1/odata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(odata.statusCode()).isEqualTo(200);
        JsonNode n = Json.MAPPER.readTree(odata.body());
        assertThat(n.path("@odata.context").asText()).isEqualTo("/redfish/v1/$metadata");
        assertThat(n.path("value").findValuesAsText("url")).contains("/redfish/v1/", "/redfish/v1/Systems",
                "/redfish/v1/SessionService/Sessions");
    }

    @Test
    void should_answer_405_with_allow_for_a_wrong_method_and_for_get_on_an_action() throws Exception {
        HttpResponse<String> del = send("DELETE", "/redfish/v1/Systems/DPU0", null, null);
        assertThat(del.statusCode()).isEqualTo(405);
        assertThat(del.headers().firstValue("Allow").orElseThrow()).contains("GET").contains("PATCH");
        HttpResponse<String> get = send("GET", "/redfish/v1/Systems/DPU0/Actions/ComputerSystem.Reset", null, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(send("GET", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate", null, null).statusCode())
                .isEqualTo(405);
        assertThat(send("GET", "/redfish/v1/Systems/DPU9/Actions/ComputerSystem.Reset", null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void should_answer_412_for_an_odata_version_other_than_4() throws Exception {
        HttpResponse<String> r = send("GET", "/redfish/v1/Systems", null, null, "OData-Version", "5.0");
        assertThat(r.statusCode()).isEqualTo(412);
        assertThat(info(r).path("MessageId").asText()).endsWith(".PreconditionFailed");
        assertThat(info(r).path("MessageArgs").size()).isZero();
        assertThat(send("GET", "/redfish/v1/Systems", null, null, "OData-Version", "4.0").statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_415_for_a_non_json_body_and_change_nothing() throws Exception {
        HttpResponse<String> r = send("PATCH", "/redfish/v1/Systems/DPU0", "text/plain", "{\"AssetTag\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("@Message.ExtendedInfo");
        assertThat(bmc.http().get("/redfish/v1/Systems/DPU0").json().path("AssetTag").asText()).isEmpty();
        assertThat(send("POST", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                "application/x-www-form-urlencoded", "{}").statusCode()).isEqualTo(415);
        assertThat(send("POST", "/redfish/v1/UpdateService/upload", "application/json", "{}").statusCode()).isEqualTo(415);
        assertThat(send("PATCH", "/redfish/v1/Systems/DPU0", "application/json; charset=utf-8",
                "{\"AssetTag\":\"y\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void should_use_the_registry_argument_counts() throws Exception {
        HttpResponse<String> missing = send("GET", "/redfish/v1/Systems/DPU9", null, null);
        assertThat(info(missing).path("MessageId").asText()).endsWith(".ResourceNotFound");
        assertThat(info(missing).path("MessageArgs")).extracting(JsonNode::asText).containsExactly("ComputerSystem", "DPU9");
        HttpResponse<String> malformed = send("PATCH", "/redfish/v1/Systems/DPU0", "application/json", "{");
        assertThat(info(malformed).path("MessageId").asText()).endsWith(".MalformedJSON");
        assertThat(info(malformed).path("MessageArgs").size()).isZero();
    }

    @Test
    void should_not_echo_the_user_name_of_a_failed_login() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        bmc.uri().resolve("/redfish/v1/SessionService/Sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserName\":\"mallory-probe\",\"Password\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("@Message.ExtendedInfo").doesNotContain("mallory-probe");
    }
}
