package org.hvlab.kernel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MavenResolverTest {
    @Test
    void should_key_the_kernels_jars_by_group_and_artifact() {
        var jars = MavenResolver.kernelArtifacts(List.of(
                "/root/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar",
                "/home/u/.m2/repository/com/example/other/slf4j-api/1.0/slf4j-api-1.0.jar",
                "/opt/kernel/hvlab-kernel-ext.jar",
                "/work/main/kernel-ext/target/classes"));
        assertThat(jars).containsEntry("org.slf4j:slf4j-api", "2.0.17")
                .containsEntry("com.example.other:slf4j-api", "1.0").hasSize(2);
    }
}
