package org.hvlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void should_load_the_catalog_with_one_default() {
        assertThat(Platform.all()).extracting(Platform::id)
                .contains("rpi4", "ampere-altra", "server-v2m", "bluefield2");
        assertThat(Platform.defaultPlatform().id()).isEqualTo("ampere-altra");
        assertThat(Platform.all()).filteredOn(Platform::isDefault).hasSize(1);
        assertThat(Platform.catalog().rowCount()).isEqualTo(Platform.all().size());
    }

    @Test
    void should_describe_the_interrupt_routes_the_issues_need() {
        Platform pi = Platform.of("rpi4");
        assertThat(pi.gicVersion()).isEqualTo(2);
        assertThat(pi.its()).isFalse();
        assertThat(pi.v2mFrames()).isZero();
        Platform altra = Platform.of("ampere-altra");
        assertThat(altra.its()).isTrue();
        assertThat(altra.dpus()).isEqualTo(2);
        assertThat(altra.vhe()).isTrue();
        assertThat(altra.hz()).isEqualTo(3_000_000_000L);
        Platform v2m = Platform.of("server-v2m");
        assertThat(v2m.gicVersion()).isEqualTo(3);
        assertThat(v2m.its()).isFalse();
        assertThat(v2m.v2mFrames()).isPositive();
        assertThat(v2m.v2mSpiBase()).isGreaterThanOrEqualTo(32);
        assertThat(v2m.v2mSpiBase() + v2m.v2mFrames() * v2m.v2mSpisPerFrame()).isLessThanOrEqualTo(1019);
        assertThat(Platform.all()).allSatisfy(p -> assertThat(p.source()).isNotBlank());
    }

    @Test
    void should_name_the_known_ids_for_an_unknown_platform() {
        assertThatThrownBy(() -> Platform.of("rpi5"))
                .isInstanceOf(CoreException.class)
                .hasMessageContaining("no platform 'rpi5'")
                .hasMessageContaining("rpi4, ampere-altra")
                .hasMessageContaining("datasets/platforms.csv")
                .extracting(e -> ((LabException) e).code()).isEqualTo("core.unknown_platform");
    }
}
