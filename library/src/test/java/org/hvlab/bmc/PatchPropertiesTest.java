package org.hvlab.bmc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.StringLength;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.RedfishResponse;
import org.hvlab.pci.Bdf;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** PATCH round trips: a fresh ETag always applies and reads back; a stale one never changes anything. */
class PatchPropertiesTest {
    private static final RedfishPath DPU = RedfishPath.of("/redfish/v1/Systems/DPU0");
    private static Bmc bmc;
    private static int moves;

    @BeforeContainer
    static void start() {
        bmc = Bmc.builder().dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)))).installer(FakeDpu.installer())
                .start();
    }

    @AfterContainer
    static void stop() {
        bmc.close();
    }

    private static String json(String tag) {
        return "{\"AssetTag\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(tag) + "}";
    }

    @Property(tries = 40)
    void a_patch_with_the_current_etag_reads_back(@ForAll @StringLength(max = 40) String tag) {
        String etag = bmc.http().get(DPU).etag().orElseThrow();
        RedfishResponse r = bmc.http().patch(DPU, json(tag), Optional.of(etag));
        assertThat(r.status()).isEqualTo(200);
        assertThat(bmc.http().get(DPU).json().path("AssetTag").asText()).isEqualTo(tag);
    }

    @Property(tries = 40)
    void a_patch_with_a_stale_etag_changes_nothing(@ForAll @StringLength(max = 40) String tag) {
        String stale = bmc.http().get(DPU).etag().orElseThrow();
        bmc.http().patch(DPU, json("moved-" + moves++), Optional.of(stale));   // a value never used before
        RedfishResponse before = bmc.http().get(DPU);
        RedfishResponse r = bmc.http().patch(DPU, json(tag), Optional.of(stale));
        assertThat(r.status()).isEqualTo(412);
        RedfishResponse after = bmc.http().get(DPU);
        assertThat(after.text()).isEqualTo(before.text());
        assertThat(after.etag()).isEqualTo(before.etag());
    }
}
