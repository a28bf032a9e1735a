package org.hvlab.bmc;

import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A request body that is not exactly one JSON object is malformed and changes nothing. */
class StrictJsonTest {
    private static final RedfishPath DPU0 = RedfishPath.of("/redfish/v1/Systems/DPU0");
    private Bmc bmc;

    @BeforeEach
    void start() {
        bmc = Bmc.builder().dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)))).installer(FakeDpu.installer()).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"AssetTag\":\"x\"} garbage", "{\"AssetTag\":\"x\"}{\"AssetTag\":\"y\"}",
            "{\"AssetTag\":\"x\",\"AssetTag\":\"y\"}"})
    void should_refuse_trailing_tokens_and_duplicate_keys_and_keep_the_asset_tag(String body) {
        RedfishResponse r = bmc.http().patch(DPU0, body, Optional.empty());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()).endsWith("MalformedJSON");
        assertThat(bmc.http().get(DPU0).json().path("AssetTag").asText()).isEmpty();
    }
}
