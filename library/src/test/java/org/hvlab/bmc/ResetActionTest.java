package org.hvlab.bmc;

import org.hvlab.Host;
import org.hvlab.Lab;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** ComputerSystem.Reset really resets the host and the DPUs; On leaves a running system alone. */
class ResetActionTest {
    private final List<ResetType> hostResets = new CopyOnWriteArrayList<>();
    private FakeDpu dpu0;
    private Bmc bmc;

    @BeforeEach
    void start() {
        dpu0 = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        bmc = Bmc.builder().dpuPorts(List.of(dpu0)).installer(FakeDpu.installer()).hostReset(hostResets::add).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private RedfishResponse reset(String system, String type) {
        return bmc.http().post("/redfish/v1/Systems/" + system + "/Actions/ComputerSystem.Reset",
                "{\"ResetType\":\"" + type + "\"}");
    }

    private String power(String system) {
        return bmc.http().get("/redfish/v1/Systems/" + system).json().path("PowerState").asText();
    }

    @Test
    void should_reset_the_host_through_its_port_and_follow_the_power_state() {
        assertThat(reset("Host", "ForceRestart").status()).isEqualTo(204);
        assertThat(hostResets).containsExactly(ResetType.ForceRestart);
        assertThat(reset("Host", "ForceOff").status()).isEqualTo(204);
        assertThat(power("Host")).isEqualTo("Off");
        assertThat(reset("Host", "On").status()).isEqualTo(204);
        assertThat(power("Host")).isEqualTo("On");
        assertThat(hostResets).containsExactly(ResetType.ForceRestart, ResetType.ForceOff, ResetType.On);
    }

    @Test
    void should_treat_on_for_a_running_system_as_a_no_op() {
        assertThat(reset("Host", "On").status()).isEqualTo(204);
        assertThat(reset("DPU0", "On").status()).isEqualTo(204);
        assertThat(hostResets).isEmpty();
        assertThat(dpu0.resets).isZero();
        assertThat(reset("DPU0", "ForceOff").status()).isEqualTo(204);
        assertThat(power("DPU0")).isEqualTo("Off");
        assertThat(reset("DPU0", "On").status()).isEqualTo(204);
        assertThat(power("DPU0")).isEqualTo("On");
        assertThat(dpu0.resets).isEqualTo(1);
    }

    @Test
    void should_refuse_an_unknown_reset_type_with_action_parameter_value_not_in_list() {
        RedfishResponse r = reset("Host", "Explode");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText())
                .endsWith(".ActionParameterValueNotInList");
        assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageArgs").size()).isEqualTo(3);
        assertThat(hostResets).isEmpty();
    }

    @Test
    void should_record_a_host_reset_in_the_host_trace() {
        try (Host host = Lab.host("edge-02").platform("ampere-altra").build()) {
            assertThat(host.trace().value("host.reset")).isZero();
            RedfishResponse r = host.bmc().http().post("/redfish/v1/Systems/Host/Actions/ComputerSystem.Reset",
                    "{\"ResetType\":\"GracefulRestart\"}");
            assertThat(r.status()).isEqualTo(204);
            assertThat(host.trace().value("host.reset")).isEqualTo(1);
            assertThat(host.trace().events()).anyMatch(e -> e.kind().equals("host.reset")
                    && e.detail().equals("GracefulRestart"));
        }
    }

    @Test
    void should_answer_500_with_a_redfish_body_when_the_host_reset_fails_and_keep_the_state() {
        try (Bmc b = Bmc.builder().hostReset(t -> {
            throw new IllegalStateException("the reset line is stuck");
        }).start()) {
            RedfishResponse r = b.http().post("/redfish/v1/Systems/Host/Actions/ComputerSystem.Reset",
                    "{\"ResetType\":\"ForceOff\"}");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("OData-Version")).contains("4.0");
            assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()).endsWith(".InternalError");
            assertThat(b.http().get("/redfish/v1/Systems/Host").json().path("PowerState").asText()).isEqualTo("On");
        }
    }
}
