package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpuImageCatalogTest {

    static final Path CSV = Path.of("../datasets/dpu-images.csv");

    @TempDir
    Path dir;

    @Test
    void should_match_the_newest_image_for_a_bluefield2() {
        DpuImageCatalog cat = DpuImageCatalog.preinstalled();
        assertThat(cat.entries()).isEqualTo(DpuImageCatalog.read(CSV).entries());
        DpuImageCatalog.Entry e = cat.match(0x15b3, 0xa2d6);
        assertThat(e.model()).isEqualTo("BlueField-2");
        assertThat(e.version()).isEqualTo("4.5.0");
        assertThat(cat.table().rowCount()).isEqualTo(cat.entries().size());
    }

    @Test
    void should_name_known_models_when_none_matches() {
        DpuImageCatalog cat = DpuImageCatalog.read(CSV);
        assertThatThrownBy(() -> cat.match(0x8086, 0x1234)).isInstanceOf(DpuException.class)
                .hasMessageContaining("8086:1234").hasMessageContaining("BlueField-2");
    }

    @Test
    void should_materialize_an_entry_once_and_verify_it() {
        DpuImageCatalog cat = DpuImageCatalog.parse("""
                id,model,pci_vendor,pci_device,version,build,payload_bytes,seed,description
                t,BlueField-2,0x15b3,0xa2d6,1.2.3,b,5000,3,a test image, with a comma
                """);
        Path p = cat.get("t").materialize(dir);
        assertThat(DpuImage.verify(p).image().orElseThrow().version()).isEqualTo("1.2.3");
        assertThat(cat.get("t").description()).isEqualTo("a test image, with a comma");
        assertThat(cat.get("t").materialize(dir)).isEqualTo(p);
    }

    @Test
    void should_compare_versions_numerically() {
        assertThat(DpuImageCatalog.compareVersions("4.10.0", "4.9.1")).isPositive();
        assertThat(DpuImageCatalog.compareVersions("4.5", "4.5.0")).isZero();
    }
}
