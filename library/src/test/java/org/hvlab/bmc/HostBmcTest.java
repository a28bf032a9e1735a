package org.hvlab.bmc;

import org.hvlab.Host;
import org.hvlab.Lab;
import org.hvlab.bmc.install.ProvisioningResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostBmcTest {
    @Test
    void should_provision_the_catalog_dpus_of_a_host_through_its_bmc() {
        Bmc bmc;
        try (Host host = Lab.host("edge-01").platform("ampere-altra").build()) {
            assertThat(host.dpus().size()).isEqualTo(2);
            bmc = host.bmc();
            assertThat(bmc.http().get("/redfish/v1/Systems/DPU0").json().path("SystemType").asText()).isEqualTo("DPU");
            assertThat(bmc.client().systems().get(0).name()).isEqualTo("edge-01");
            ProvisioningResult r = host.installer().provisionDpus();
            assertThat(r.allCompleted()).as(r.toText()).isTrue();
            assertThat(r.summary().stringColumn("image").asList()).containsOnly("bf2-4.5.0");
            assertThat(host.dpus().get("DPU1").runningImage().orElseThrow().version()).isEqualTo("4.5.0");
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bmc.http().get("/redfish/v1")))
                .as("the host closed its BMC").isNotNull();
    }
}
