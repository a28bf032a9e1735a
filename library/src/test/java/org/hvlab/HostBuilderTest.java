package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hvlab.Lab.gib;
import static org.hvlab.Lab.kib;

import java.util.ArrayList;
import java.util.List;
import org.hvlab.core.ByteSize;
import org.junit.jupiter.api.Test;

class HostBuilderTest {

    @Test
    void should_default_to_the_catalog_platform_its_cpus_and_4_gib() {
        try (Host host = Lab.host("h1").build()) {
            assertThat(host.platform().id()).isEqualTo("ampere-altra");
            assertThat(host.cpus()).isEqualTo(80);
            assertThat(host.memorySize()).isEqualTo(gib(4));
            assertThat(host.its()).isTrue();
            assertThat(host.costs().platform()).isEqualTo("ampere-altra");
            assertThat(host.provenance().asMap()).containsEntry("seed", "0").containsKey("costs_digest");
            assertThat(host.toText()).contains("host h1").contains("GICv3 + ITS");
            assertThat(host.toHtml()).contains("ampere-altra");
            // the view's platform, CPU and memory lines
            String mhz = host.platform().cpuMhz() + " MHz";
            assertThat(host.toText()).contains("  platform  ampere-altra - " + host.platform().name())
                    .contains("  cpus      80 @ " + mhz).contains("  memory    " + host.memory().toText().strip());
            assertThat(host.toHtml()).contains("80 @ " + mhz);
        }
    }

    @Test
    void should_reject_zero_cpus_naming_the_range() {
        assertThatThrownBy(() -> Lab.host("h").cpus(0))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("cpus(0)").hasMessageContaining("between 1 and 80")
                .hasMessageContaining("Use cpus(1..80)");
    }

    @Test
    void should_reject_memory_that_is_not_whole_pages() {
        assertThatThrownBy(() -> Lab.host("h").memory(kib(6)))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("memory(6144 bytes)").hasMessageContaining("4 KiB frames")
                .hasMessageContaining("memory(8 KiB)");
        assertThatThrownBy(() -> Lab.host("h").memory(ByteSize.ZERO)).isInstanceOf(HostException.class);
    }

    @Test
    void should_reject_its_on_a_platform_without_one_in_either_order() {
        assertThatThrownBy(() -> Lab.host("h").platform("rpi4").its(true))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("its(true) on rpi4").hasMessageContaining("GICv2 without ITS")
                .hasMessageContaining("ampere-altra");
        assertThatThrownBy(() -> Lab.host("h").its(true).platform("server-v2m"))
                .isInstanceOf(HostException.class).hasMessageContaining("platform server-v2m with its(true)");
        assertThatThrownBy(() -> Lab.host("h").cpus(64).platform("rpi4"))
                .isInstanceOf(HostException.class).hasMessageContaining("rpi4 has 4 CPUs");
    }

    @Test
    void should_close_owned_resources_newest_first_once() {
        List<String> closed = new ArrayList<>();
        Host host = Lab.host("h").platform("rpi4").build();
        host.own(() -> closed.add("first"));
        host.own(() -> closed.add("second"));
        host.close();
        host.close();
        assertThat(closed).containsExactly("second", "first");
        assertThatThrownBy(() -> host.own(() -> { })).isInstanceOf(HostException.class)
                .hasMessageContaining("is closed");
    }
}
