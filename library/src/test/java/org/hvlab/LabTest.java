package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hvlab.core.CoreException;
import org.hvlab.core.CostModel;
import org.hvlab.core.Datasets;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTest {

    @Test
    void should_offer_the_static_factories_a_notebook_uses() {
        assertThat(Lab.gib(1).bytes()).isEqualTo(1L << 30);
        assertThat(Lab.mib(2).bytes()).isEqualTo(2L << 20);
        assertThat(Lab.kib(4).pages()).isEqualTo(1);
        assertThat(Lab.bytes(10).bytes()).isEqualTo(10);
        assertThat(Lab.ipa(0x4000_0000L)).isEqualTo(Ipa.of(0x4000_0000L));
        assertThat(Lab.pa(0x8000_0000L)).isEqualTo(Pa.of(0x8000_0000L));
        assertThat(Lab.platform("rpi4").cpus()).isEqualTo(4);
    }

    @Test
    void should_name_an_unknown_platform_when_building() {
        assertThatThrownBy(() -> Lab.host("h").platform("graviton9"))
                .isInstanceOf(CoreException.class)
                .hasMessageContaining("no platform 'graviton9' in the catalog")
                .hasMessageContaining("ampere-altra");
    }

    @Test
    void should_carry_provenance_in_the_trace_table() {
        try (Host host = Lab.host("h").seed(42).costs(CostModel.load("ampere-altra").with("vm_exit", 900)).build()) {
            Vm vm = host.hypervisor().vm("vm").build();
            vm.readLong(Lab.ipa(0x4000_0000L));
            assertThat(host.trace().table().name()).contains("seed=42")
                    .contains("costs=" + host.costs().shortDigest());
            assertThat(host.trace().table().rowCount()).isPositive();
            assertThat(host.costs().cycles("vm_exit")).isEqualTo(900);
            assertThat(host.trace().counters()).containsKey("vm_exit").containsKey("tlb_miss");
            assertThat(host.trace().value("tlb_miss")).isEqualTo(host.hypervisor().tlb().misses()).isPositive();
            assertThat(host.trace().counterTable().stringColumn("counter").asList()).contains("tlb_hit");
        }
    }

    @Test
    void should_find_datasets_under_hvlab_home_or_explain(@TempDir Path tmp) throws Exception {
        String before = System.getProperty("hvlab.home");
        try {
            System.setProperty("hvlab.home", tmp.toString());
            assertThatThrownBy(Datasets::home).isInstanceOf(CoreException.class)
                    .hasMessageContaining("has no datasets/ folder").hasMessageContaining("-Dhvlab.home");
            Files.createDirectories(tmp.resolve("datasets"));
            Files.writeString(tmp.resolve("datasets/platforms.csv"), "id,name\nx,y\n");
            assertThat(Datasets.home()).isEqualTo(tmp.resolve("datasets").toAbsolutePath());
            assertThat(Datasets.rows("platforms.csv")).hasSize(1);
            assertThatThrownBy(() -> Datasets.file("nope.csv")).isInstanceOf(CoreException.class)
                    .hasMessageContaining("datasets/nope.csv does not exist");
        } finally {
            if (before == null) System.clearProperty("hvlab.home");
            else System.setProperty("hvlab.home", before);
        }
    }
}
