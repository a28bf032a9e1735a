package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpuViewsTest {

    @TempDir
    Path dir;

    @Test
    void should_render_boot_inventory_and_fleet_as_text_html_and_tables() {
        Dpus dpus = Dpus.forPlatform(2, dir);
        Dpu dpu = dpus.get("DPU1");
        DpuBootReport boot = dpu.lastBoot().orElseThrow();
        assertThat(boot.toText()).startsWith("DPU1 booted slot A (active)");
        assertThat(boot.views()).containsKeys("text/html", "text/plain");
        assertThat(boot.table().columnNames()).containsExactly("slot", "status", "version", "build", "booted", "detail");
        assertThat(dpu.inventory().table().columnNames()).contains("dpu", "slot", "active", "running", "status",
                "version", "build", "payload_bytes", "sha256");
        assertThat(dpu.toHtml()).contains("<table").contains(Dpus.FACTORY_VERSION);
        assertThat(dpus.toText()).contains("DPU0").contains("DPU1").contains("15b3:a2d6");
        assertThat(dpus.table().columnNames()).contains("name", "bdf", "pci_ids", "active_slot", "running_version");
    }

    @Test
    void should_escape_image_strings_in_html() {
        Path img = dir.resolve("x.img");
        DpuImage h = DpuImage.builder().version("<b>1</b>").build("a&b").payloadBytes(10).writeTo(img);
        assertThat(h.toHtml()).contains("&lt;b&gt;1&lt;/b&gt;").contains("a&amp;b").doesNotContain("<b>1");
    }

    @Test
    void should_say_which_slot_failed_and_why_when_nothing_boots() {
        Dpu dpu = Dpus.forPlatform(1, dir).get("DPU0");
        dpu.flash().corrupt(SlotId.A, 300);
        DpuBootReport r = dpu.reset();
        assertThat(r.summary()).contains("did not boot").contains("slot A (active) failed verification")
                .contains("SHA-256").contains("slot B").contains("EMPTY");
    }
}
