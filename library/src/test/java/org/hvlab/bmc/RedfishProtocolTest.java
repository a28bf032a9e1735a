package org.hvlab.bmc;

import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
