package org.hvlab.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import org.hvlab.bmc.redfish.Credentials;
import org.hvlab.bmc.redfish.RedfishClient;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies are checked whole: unknown properties, bad values and missing targets change nothing. */
class RequestValidationTest {
    private static final String SIMPLE_UPDATE = "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate";
    private Bmc bmc;

    @BeforeEach
    void start() {
        bmc = Bmc.builder().dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)), new FakeDpu("DPU1", Bdf.of(2, 0, 0))))
                .admin("root", "calvin-123").installer(FakeDpu.installer()).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private int accounts() {
        return bmc.http().get("/redfish/v1/AccountService/Accounts").json().path("Members@odata.count").asInt();
    }

    private int tasks() {
        return bmc.http().get("/redfish/v1/TaskService/Tasks").json().path("Members@odata.count").asInt();
    }

    private static JsonNode info(RedfishResponse r) {
        return r.json().at("/error/@Message.ExtendedInfo/0");
    }

    @Test
    void should_refuse_an_unknown_account_property_with_property_unknown() {
        RedfishResponse r = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"op\",\"Password\":\"operator-1\",\"RoleId\":\"Operator\",\"Locked\":false}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(info(r).path("MessageId").asText()).endsWith(".PropertyUnknown");
        assertThat(info(r).path("MessageArgs").get(0).asText()).isEqualTo("Locked");
        assertThat(accounts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", "tab\\there", "nl\\nx"})
    void should_refuse_user_names_that_basic_auth_cannot_carry(String user) {
        RedfishResponse r = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"" + user + "\",\"Password\":\"operator-1\",\"RoleId\":\"Operator\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(info(r).path("MessageId").asText()).endsWith(".PropertyValueFormatError");
        assertThat(accounts()).isEqualTo(1);
    }

    @Test
    void should_create_a_disabled_account_that_cannot_log_in() {
        RedfishResponse r = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"later\",\"Password\":\"later-123\",\"RoleId\":\"ReadOnly\",\"Enabled\":false}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("Enabled").asBoolean()).isFalse();
        assertThat(bmc.client(new Credentials("later", "later-123")).http().get("/redfish/v1/Systems").status())
                .isEqualTo(401);
        RedfishResponse bad = bmc.http().post("/redfish/v1/AccountService/Accounts",
                "{\"UserName\":\"x1\",\"Password\":\"xxxxxxxx1\",\"RoleId\":\"ReadOnly\",\"Enabled\":\"yes\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(accounts()).isEqualTo(2);
    }

    @Test
    void should_refuse_unknown_simple_update_parameters_with_action_parameter_unknown() {
        RedfishResponse r = bmc.http().post(SIMPLE_UPDATE, "{\"ImageURI\":\"http://127.0.0.1:1/x.cap\","
                + "\"Targets\":[\"/redfish/v1/Systems/DPU0\"],\"ForceUpdate\":true}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(info(r).path("MessageId").asText()).endsWith(".ActionParameterUnknown");
        assertThat(info(r).path("MessageArgs")).extracting(JsonNode::asText)
                .containsExactly("UpdateService.SimpleUpdate", "ForceUpdate");
        assertThat(tasks()).isZero();
    }

    @Test
    void should_accept_only_immediate_as_the_operation_apply_time() {
        RedfishResponse r = bmc.http().post(SIMPLE_UPDATE, "{\"ImageURI\":\"http://127.0.0.1:1/x.cap\","
                + "\"Targets\":[\"/redfish/v1/Systems/DPU0\"],\"@Redfish.OperationApplyTime\":\"OnReset\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(info(r).path("MessageId").asText()).endsWith(".PropertyValueNotInList");
        assertThat(r.errorMessage()).contains("Immediate");
        assertThat(tasks()).isZero();
        RedfishResponse ok = bmc.http().post(SIMPLE_UPDATE, "{\"ImageURI\":\"http://127.0.0.1:1/x.cap\","
                + "\"Targets\":[\"/redfish/v1/Systems/DPU0\"],\"@Redfish.OperationApplyTime\":\"Immediate\"}");
        assertThat(ok.status()).isEqualTo(202);
    }

    @Test
    void should_name_the_valid_targets_when_targets_is_missing() {
        RedfishResponse r = bmc.http().post(SIMPLE_UPDATE, "{\"ImageURI\":\"http://127.0.0.1:1/x.cap\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(info(r).path("MessageId").asText()).endsWith(".ActionParameterMissing");
        assertThat(r.errorMessage()).contains("/redfish/v1/Systems/DPU0").contains("/redfish/v1/Systems/DPU1");
        assertThat(tasks()).isZero();
    }

    @Test
    void should_keep_sessions_working_for_a_valid_account() {
        try (RedfishClient s = RedfishClient.session(bmc.uri(), new Credentials("root", "calvin-123"), Optional.empty())) {
            assertThat(s.http().get("/redfish/v1/Systems").status()).isEqualTo(200);
        }
    }
}
