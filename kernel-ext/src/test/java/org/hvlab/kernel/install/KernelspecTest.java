package org.hvlab.kernel.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hvlab.kernel.KernelException;
import org.hvlab.kernel.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelspecTest {
    @Test
    void should_write_a_kernelspec_that_pins_jdk_heap_headless_commit_and_class_path(@TempDir Path dir) throws Exception {
        Path installed = Kernelspec.forThisBuild("2g", "abc123").install(dir);
        JsonNode spec = Json.MAPPER.readTree(Files.readString(installed.resolve("kernel.json")));
        assertThat(installed).isEqualTo(dir.resolve("hvlab"));
        assertThat(spec.path("display_name").asText()).isEqualTo("Java (hvlab)");
        assertThat(spec.path("language").asText()).isEqualTo("java");
        assertThat(spec.path("interrupt_mode").asText()).isEqualTo("message");
        String argv = spec.path("argv").toString();
        assertThat(argv).contains("-Djava.awt.headless=true", "-Xmx2g", "-Dhvlab.commit=abc123",
                "org.hvlab.kernel.KernelMain", "{connection_file}", "\"-cp\"");
        assertThat(spec.path("argv").get(0).asText()).endsWith("/bin/java");
    }

    @Test
    void should_reject_a_bad_heap_size() {
        assertThatThrownBy(() -> Kernelspec.forThisBuild("lots", "")).isInstanceOf(KernelException.class)
                .hasMessageContaining("--heap 1g");
    }

    @Test
    void should_follow_jupyter_data_dir() {
        assertThat(Kernelspec.userKernelsDirectory(Map.of("JUPYTER_DATA_DIR", "/x/y"))).isEqualTo(Path.of("/x/y/kernels"));
        assertThat(Kernelspec.userKernelsDirectory(Map.of("XDG_DATA_HOME", "/d"))).isEqualTo(Path.of("/d/jupyter/kernels"));
    }
}
